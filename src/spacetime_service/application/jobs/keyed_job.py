"""Finding the job an owner submitted with an idempotency key, for submissions whose job requests
differ on each try (a new staged file, a new snapshot id) while the client's request is the same."""

from __future__ import annotations

from spacetime_service.application.ports.job_repository import JobRepository
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.jobs.listing import JobQuery

# How many of the owner's jobs of the kind are searched for the first use of a key.
MAX_JOBS_SEARCHED = 1000
_PAGE = 100


def job_with_key(jobs: JobRepository, owner: str, kind: str, key: str | None) -> Job | None:
    """The owner's newest job of `kind` submitted with `key`, among its latest 1000 of that kind."""
    if key is None:
        return None
    query = JobQuery(limit=_PAGE, owner=owner, kinds=(kind,))
    for _ in range(MAX_JOBS_SEARCHED // _PAGE):
        page = jobs.page(query)
        for job in page.items:
            if job.idempotency_key == key:
                return job
        if page.next_position is None:
            return None
        query = JobQuery(limit=_PAGE, owner=owner, kinds=(kind,), after=page.next_position)
    return None
