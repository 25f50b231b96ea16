"""Use case: one job by id."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import NotFound

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job


@dataclass(frozen=True, slots=True)
class GetJobCommand:
    job_id: str
    owner: str | None = None


class GetJob:
    """The job with this id. With an owner, another owner's job is NotFound, exactly like a missing
    one, so ids of other owners' jobs cannot be probed."""

    def __init__(self, repository: JobRepository) -> None:
        self._repository = repository

    def execute(self, command: GetJobCommand) -> Job:
        job = self._repository.get(command.job_id)
        if job is None or (command.owner is not None and job.owner != command.owner):
            raise NotFound(f"no job with id {command.job_id}")
        return job
