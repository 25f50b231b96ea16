"""Job events for SSE: each event is a snapshot of the job record, and its id is the record's version.

The version grows on every write (heartbeats aside), so event ids increase monotonically and survive
restarts without a separate log. A reader polls the record and emits an event when the version differs
from the last id the client saw; after a reconnect, `Last-Event-ID` is that id, and the client gets the
current state at once. Intermediate progress a client missed is coalesced into the latest snapshot,
which is all a progress display needs; the final state is always delivered because it is the last.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import NotFound

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job


PROGRESS_EVENT = "progress"
END_EVENT = "end"
EVENT_NAMES = (PROGRESS_EVENT, END_EVENT)


@dataclass(frozen=True, slots=True)
class JobEvent:
    job: Job

    @property
    def id(self) -> int:
        return self.job.version

    @property
    def name(self) -> str:
        """`end` for the final state, after which the stream closes; `progress` before."""
        return END_EVENT if self.job.status.is_terminal else PROGRESS_EVENT


class JobEventFeed:
    """The next event of a job for a client that last saw `last_event_id` (None: it saw nothing)."""

    def __init__(self, repository: JobRepository) -> None:
        self._repository = repository

    def next_event(
        self, job_id: str, last_event_id: int | None, *, owner: str | None = None
    ) -> JobEvent | None:
        """The current snapshot if its version is not the one the client saw, else None.
        An id the record never had (from another database, say) also gets the current snapshot.
        `NotFound` when the job does not exist or belongs to another owner."""
        job = self._repository.get(job_id)
        if job is None or (owner is not None and job.owner != owner):
            raise NotFound(f"no job with id {job_id}")
        if last_event_id is not None and job.version == last_event_id:
            return None
        return JobEvent(job)


def parse_last_event_id(header: str | None) -> int | None:
    """The Last-Event-ID header as a version; anything that is not a plain non-negative integer is None."""
    if header is None or not header.isascii() or not header.strip().isdigit():
        return None
    return int(header.strip())
