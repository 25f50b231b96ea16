"""Errors of the job model; both are conflicts with the record's current state."""

from __future__ import annotations

from spacetime_service.domain.errors import Conflict


class LeaseLost(Conflict):
    """The writer's attempt is older than the record's (another worker claimed the job), or the job is
    no longer leased: the writer must stop at once and write nothing more."""


class IllegalTransition(Conflict):
    """The status machine does not allow this change from the job's current status."""
