"""Use case: hand jobs whose worker died back to the runner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.application.ports.job_runner import JobRunner

MAX_RESUME_BATCH = 1000


@dataclass(frozen=True, slots=True)
class ResumeJobsCommand:
    limit: int = 100


@dataclass(frozen=True, slots=True)
class ResumeJobsResult:
    job_ids: tuple[str, ...]


class ResumeJobs:
    """A running or cancelling job whose lease expired has lost its worker: it is submitted to the
    runner again, oldest first, at most `limit` per call. The runner's claim takes a new attempt, so
    the job continues from its last checkpoint and the old worker, should it wake up, is fenced off;
    a job that two resumers submit at once is still claimed only once."""

    def __init__(self, repository: JobRepository, runner: JobRunner, clock: Clock) -> None:
        self._repository = repository
        self._runner = runner
        self._clock = clock

    def execute(self, command: ResumeJobsCommand) -> ResumeJobsResult:
        if not 1 <= command.limit <= MAX_RESUME_BATCH:
            raise InvalidInput(f"limit must be between 1 and {MAX_RESUME_BATCH}", field="limit")
        expired = self._repository.list_expired(self._clock.now(), command.limit)
        for job in expired:
            self._runner.submit(job.id)
        return ResumeJobsResult(tuple(job.id for job in expired))
