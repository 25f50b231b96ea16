"""Use case: cancel a job."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.jobs import life_events
from spacetime_service.application.jobs.get_job import GetJob, GetJobCommand
from spacetime_service.domain.errors import Conflict
from spacetime_service.domain.jobs.status import JobStatus

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job

_FINISHED = frozenset({JobStatus.SUCCEEDED, JobStatus.FAILED})


@dataclass(frozen=True, slots=True)
class CancelJobCommand:
    job_id: str
    owner: str | None = None


class CancelJob:
    """A queued job is cancelled at once and never starts. A running job becomes cancelling and stops
    at its next chunk boundary, then ends cancelled (or succeeded, if its last chunk was already done).
    Cancelling a cancelling or cancelled job changes nothing; a succeeded or failed job is a Conflict.
    Another owner's job is NotFound."""

    def __init__(self, repository: JobRepository, clock: Clock) -> None:
        self._repository = repository
        self._clock = clock
        self._get_job = GetJob(repository)

    def execute(self, command: CancelJobCommand) -> Job:
        job = self._get_job.execute(GetJobCommand(command.job_id, command.owner))
        if job.status not in _FINISHED:
            before = job.status
            job = self._repository.request_cancel(job.id, self._clock.now())
            if job.status is not before:
                life_events.cancel_requested(job)
        if job.status in _FINISHED:
            raise Conflict(f"job {job.id} already {job.status}; there is nothing to cancel")
        return job
