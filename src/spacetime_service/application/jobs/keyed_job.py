"""Finding the job an owner submitted with an idempotency key, for submissions whose job requests
differ on each try (a new staged file, a new snapshot id) while the client's request is the same."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job


def job_with_key(jobs: JobRepository, owner: str, kind: str, key: str | None) -> Job | None:
    """The owner's job of `kind` submitted with `key`, however old; None without a key, or when the
    key names no job of that kind (keys are unique per owner across kinds)."""
    if key is None:
        return None
    job = jobs.find_by_idempotency_key(owner, key)
    return job if job is not None and job.kind == kind else None
