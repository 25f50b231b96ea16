"""The quotas every owner's job submissions are held to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.quotas import QuotaExceeded

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.application.ports.rate_limiter import RateLimiter

# Nothing tells when one of the owner's jobs will finish; this is how soon asking again is worth it.
UNFINISHED_RETRY_AFTER_SECONDS = 15


class SubmissionQuota:
    """An owner may have at most `max_unfinished` jobs that are not finished (queued, running or
    cancelling; 0 means no cap), and may submit no faster than `rate_limiter` admits (None: no limit).
    The cap is read before the rate is counted, so a submission refused for the cap does not use up
    the owner's rate. The cap is a count followed by an insert, not one statement: submissions of one
    owner that race each other may pass it by as many as race."""

    def __init__(self, jobs: JobRepository, max_unfinished: int, rate_limiter: RateLimiter | None) -> None:
        self._jobs = jobs
        self._max_unfinished = max_unfinished
        self._rate_limiter = rate_limiter

    def admit(self, owner: str) -> None:
        """Returns when the owner may submit one more job (and counts it); raises QuotaExceeded otherwise."""
        if self._max_unfinished > 0 and self._jobs.count_unfinished(owner) >= self._max_unfinished:
            raise QuotaExceeded(
                f"at most {self._max_unfinished} jobs per owner may be queued or running at once;"
                " wait for one to finish, or cancel one",
                retry_after_seconds=UNFINISHED_RETRY_AFTER_SECONDS,
            )
        if self._rate_limiter is None:
            return
        decision = self._rate_limiter.admit(owner)
        if not decision.admitted:
            limiter = self._rate_limiter
            raise QuotaExceeded(
                f"at most {limiter.events_per_window} job submissions per owner in"
                f" {limiter.window_seconds} seconds; try again in {decision.retry_after_seconds} seconds",
                retry_after_seconds=decision.retry_after_seconds,
            )
