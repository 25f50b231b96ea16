"""JobRepository contract: counting an owner's unfinished jobs (the cap on active jobs reads it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.jobs.outcome import JobOutcome
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository


def test_an_owner_without_jobs_has_none_unfinished(job_repository: JobRepository) -> None:
    job_repository.create(new_job(0, owner="bob"))

    assert job_repository.count_unfinished("alice") == 0


def test_queued_running_and_cancelling_jobs_count(job_repository: JobRepository) -> None:
    job_repository.create(new_job(0))
    running = job_repository.create(new_job(1)).job
    cancelling = job_repository.create(new_job(2)).job
    for job in (running, cancelling):
        assert job_repository.claim("worker-1", at(3), LEASE_SECONDS, job_id=job.id) is not None
    assert job_repository.request_cancel(cancelling.id, at(4)).status == "cancelling"

    assert job_repository.count_unfinished("alice") == 3


def test_finished_jobs_and_other_owners_jobs_do_not_count(job_repository: JobRepository) -> None:
    succeeded = job_repository.create(new_job(0)).job
    claimed = job_repository.claim("worker-1", at(1), LEASE_SECONDS, job_id=succeeded.id)
    assert claimed is not None
    job_repository.finish(succeeded.id, claimed.attempt, JobOutcome.succeeded("report-1"), at(2))
    cancelled = job_repository.create(new_job(3)).job
    job_repository.request_cancel(cancelled.id, at(4))
    job_repository.create(new_job(5, owner="bob"))
    job_repository.create(new_job(6))

    assert job_repository.count_unfinished("alice") == 1
    assert job_repository.count_unfinished("bob") == 1
