"""Errors of the model store."""

from __future__ import annotations

from spacetime_service.domain.errors import DomainError


class UntrustedArtifact(DomainError):  # noqa: N818 - reads as a sentence at the raise site
    """A stored model or checkpoint holds a type outside the allow-list, or does not match its recorded
    digest: it was altered or planted, and is refused without being loaded."""
