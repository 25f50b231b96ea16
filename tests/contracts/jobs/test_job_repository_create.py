"""JobRepository contract: creating, reading and listing jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.domain.errors import Conflict
from spacetime_service.domain.jobs.idempotency import request_hash
from spacetime_service.domain.jobs.listing import JobQuery
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.builders import at, new_job

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository


def test_a_new_job_is_queued_at_attempt_zero_and_version_one(job_repository: JobRepository) -> None:
    draft = new_job(5, key="k-1", request={"b": [1, 2.5, "é"], "a": {"nested": None, "flag": True}})

    creation = job_repository.create(draft)

    job = creation.job
    assert creation.created is True
    assert (job.id, job.kind, job.owner, job.idempotency_key) == (draft.id, "report", "alice", "k-1")
    assert job.request == {"b": [1, 2.5, "é"], "a": {"nested": None, "flag": True}}
    assert job.request_hash == request_hash(draft.request)
    assert (job.status, job.attempt, job.version) == (JobStatus.QUEUED, 0, 1)
    assert job.lease is None
    assert job.progress == Progress()
    assert (job.eta_seconds, job.checkpoint, job.result_ref, job.error) == (None, None, None, None)
    assert (job.created_at, job.updated_at, job.started_at, job.finished_at) == (at(5), at(5), None, None)
    assert job_repository.get(draft.id) == job


def test_times_come_back_timezone_aware(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(3)).job

    stored = job_repository.get(job.id)

    assert stored is not None
    assert stored.created_at.utcoffset() is not None
    assert stored.created_at == at(3)


def test_an_unknown_id_is_none(job_repository: JobRepository) -> None:
    assert job_repository.get("00000000-0000-0000-0000-000000000000") is None


def test_the_same_key_and_request_returns_the_first_job(job_repository: JobRepository) -> None:
    first = job_repository.create(new_job(0, key="nightly")).job

    again = job_repository.create(new_job(9, key="nightly"))

    assert again.created is False
    assert again.job == first
    assert [job.id for job in job_repository.page(JobQuery()).items] == [first.id]


def test_the_same_key_with_another_request_is_a_conflict(job_repository: JobRepository) -> None:
    first = job_repository.create(new_job(0, key="nightly", request={"limit": 10})).job

    with pytest.raises(Conflict):
        job_repository.create(new_job(1, key="nightly", request={"limit": 11}))

    assert [job.id for job in job_repository.page(JobQuery()).items] == [first.id]


def test_the_request_hash_ignores_key_order(job_repository: JobRepository) -> None:
    first = job_repository.create(new_job(0, key="k", request={"a": 1, "b": 2})).job

    again = job_repository.create(new_job(1, key="k", request={"b": 2, "a": 1}))

    assert again.created is False
    assert again.job.id == first.id


def test_keys_belong_to_their_owner(job_repository: JobRepository) -> None:
    alice = job_repository.create(new_job(0, owner="alice", key="k")).job
    bob = job_repository.create(new_job(1, owner="bob", key="k", request={"other": True}))

    assert bob.created is True
    assert bob.job.id != alice.id


def test_jobs_without_a_key_are_always_created(job_repository: JobRepository) -> None:
    first = job_repository.create(new_job(0))
    second = job_repository.create(new_job(0))

    assert first.created
    assert second.created
    assert first.job.id != second.job.id


def test_an_id_in_use_is_a_conflict(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job

    with pytest.raises(Conflict):
        job_repository.create(new_job(1, job_id=job.id, request={"different": 1}))


def test_pages_are_newest_first_and_continue_strictly_after_the_position(
    job_repository: JobRepository,
) -> None:
    # Two jobs share each creation time, so the id must break the tie.
    created = [job_repository.create(new_job(second // 2)).job for second in range(7)]
    expected = [job.id for job in sorted(created, key=lambda job: (job.created_at, job.id), reverse=True)]

    seen: list[str] = []
    query = JobQuery(limit=3)
    while True:
        page = job_repository.page(query)
        seen += [job.id for job in page.items]
        if page.next_position is None:
            break
        query = JobQuery(limit=3, after=page.next_position)

    assert seen == expected


def test_a_page_that_is_not_full_has_no_next_position(job_repository: JobRepository) -> None:
    for second in range(2):
        job_repository.create(new_job(second))

    assert job_repository.page(JobQuery(limit=3)).next_position is None
    full = job_repository.page(JobQuery(limit=2))
    assert full.next_position is not None
    assert full.next_position.id == full.items[-1].id


def test_pages_filter_by_owner_kind_and_status(job_repository: JobRepository) -> None:
    wanted = job_repository.create(new_job(0, owner="alice", kind="export")).job
    job_repository.create(new_job(1, owner="bob", kind="export"))
    job_repository.create(new_job(2, owner="alice", kind="report"))
    cancelled = job_repository.create(new_job(3, owner="alice", kind="export")).job
    job_repository.request_cancel(cancelled.id, at(4))

    page = job_repository.page(
        JobQuery(owner="alice", kinds=("export", "train"), statuses=(JobStatus.QUEUED, JobStatus.RUNNING))
    )

    assert [job.id for job in page.items] == [wanted.id]
    cancelled_page = job_repository.page(JobQuery(statuses=(JobStatus.CANCELLED,)))
    assert [job.id for job in cancelled_page.items] == [cancelled.id]
