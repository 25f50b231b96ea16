"""Jobs that may have no message on the queue, though a worker should run them.

The queue is only transport, so a message can be lost (the broker restarted without persistence, a
send failed, a worker handed a job back at shutdown) while the job record stays. Two kinds of job may
therefore need a new message: a leased job whose lease expired, since its worker died (the broker would
redeliver that worker's message only after its visibility timeout), and a queued job nobody claimed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.jobs.listing import JobPosition, JobQuery
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.pagination import MAX_PAGE_SIZE

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository


class StrandedJobs:
    """Lists the ids of stranded jobs, at most `limit` of each kind per call."""

    def __init__(self, repository: JobRepository, clock: Clock, *, limit: int = MAX_PAGE_SIZE) -> None:
        self._repository = repository
        self._clock = clock
        self._limit = limit

    def expired(self) -> list[str]:
        """Running or cancelling jobs whose lease expired, oldest first."""
        return [job.id for job in self._repository.list_expired(self._clock.now(), self._limit)]

    def queued(self) -> list[str]:
        """Queued jobs, newest first (the order the job listing keeps)."""
        return list(self._queued_ids())

    def _queued_ids(self) -> Iterator[str]:
        after: JobPosition | None = None
        left = self._limit
        while left > 0:
            query = JobQuery(limit=min(left, MAX_PAGE_SIZE), statuses=(JobStatus.QUEUED,), after=after)
            page = self._repository.page(query)
            for job in page.items:
                yield job.id
            left -= len(page.items)
            if page.next_position is None:
                return
            after = page.next_position
