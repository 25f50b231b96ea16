"""What an owner may ask of the service at once: the refusal of work past its quota."""

from __future__ import annotations

from spacetime_service.domain.errors import DomainError


class QuotaExceeded(DomainError):  # noqa: N818 - reads as a sentence at the raise site
    """The owner has used up a quota (unfinished jobs, submissions in the last minute); the same request
    may succeed after `retry_after_seconds`."""

    def __init__(self, detail: str, *, retry_after_seconds: int) -> None:
        super().__init__(detail)
        self.retry_after_seconds = retry_after_seconds
