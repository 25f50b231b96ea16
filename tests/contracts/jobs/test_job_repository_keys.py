"""JobRepository contract: finding an owner's job by its idempotency key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.jobs.outcome import JobOutcome
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository

# More later jobs than one listing page holds, so a lookup that paged would have to go past it.
LATER_JOBS = 120


def test_the_owners_job_with_the_key_is_found(job_repository: JobRepository) -> None:
    keyed = job_repository.create(new_job(0, key="nightly")).job
    job_repository.create(new_job(1, key="weekly"))

    assert job_repository.find_by_idempotency_key("alice", "nightly") == keyed


def test_another_owners_key_or_an_unused_key_finds_nothing(job_repository: JobRepository) -> None:
    job_repository.create(new_job(0, owner="bob", key="nightly"))
    job_repository.create(new_job(1, owner="alice"))

    assert job_repository.find_by_idempotency_key("alice", "nightly") is None
    assert job_repository.find_by_idempotency_key("bob", "weekly") is None


def test_a_key_finds_its_job_of_any_kind_and_status(job_repository: JobRepository) -> None:
    keyed = job_repository.create(new_job(0, kind="product_import", key="upload-7")).job
    claimed = job_repository.claim("worker-1", at(1), LEASE_SECONDS, job_id=keyed.id)
    assert claimed is not None
    ended = job_repository.finish(keyed.id, claimed.attempt, JobOutcome.failed("boom"), at(2))

    assert job_repository.find_by_idempotency_key("alice", "upload-7") == ended


def test_a_key_finds_its_job_behind_many_later_jobs_of_the_owner(job_repository: JobRepository) -> None:
    keyed = job_repository.create(new_job(0, key="first")).job
    for second in range(1, LATER_JOBS + 1):
        job_repository.create(new_job(second, key=f"later-{second}"))

    assert job_repository.find_by_idempotency_key("alice", "first") == keyed
