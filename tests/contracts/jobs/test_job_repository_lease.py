"""JobRepository contract: claiming leases, heartbeats, expiry, and the race for an expired job."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository


def test_claiming_a_queued_job_takes_the_lease_and_the_next_attempt(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job

    claimed = job_repository.claim("worker-a", at(10), LEASE_SECONDS, job_id=job.id)

    assert claimed is not None
    assert (claimed.status, claimed.attempt, claimed.version) == (JobStatus.RUNNING, 1, 2)
    assert claimed.lease is not None
    assert (claimed.lease.holder, claimed.lease.heartbeat_at) == ("worker-a", at(10))
    assert claimed.lease.expires_at == at(10 + LEASE_SECONDS)
    assert (claimed.started_at, claimed.updated_at) == (at(10), at(10))
    assert job_repository.get(job.id) == claimed


def test_a_live_lease_cannot_be_claimed(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job
    job_repository.claim("worker-a", at(10), LEASE_SECONDS, job_id=job.id)

    just_before_expiry = at(10 + LEASE_SECONDS - 1)
    assert job_repository.claim("worker-b", just_before_expiry, LEASE_SECONDS, job_id=job.id) is None
    assert job_repository.claim("worker-b", just_before_expiry, LEASE_SECONDS) is None
    stored = job_repository.get(job.id)
    assert stored is not None
    assert (stored.attempt, stored.lease.holder if stored.lease else None) == (1, "worker-a")


def test_an_expired_lease_is_claimed_by_a_new_attempt(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job
    job_repository.claim("worker-a", at(10), LEASE_SECONDS, job_id=job.id)

    expiry = at(10 + LEASE_SECONDS)  # a lease that ends now has expired
    reclaimed = job_repository.claim("worker-b", expiry, LEASE_SECONDS, job_id=job.id)

    assert reclaimed is not None
    assert (reclaimed.status, reclaimed.attempt) == (JobStatus.RUNNING, 2)
    assert reclaimed.lease is not None
    assert reclaimed.lease.holder == "worker-b"
    assert reclaimed.started_at == at(10)


def test_a_cancelling_job_with_an_expired_lease_is_claimed_as_cancelling(
    job_repository: JobRepository,
) -> None:
    job = job_repository.create(new_job(0)).job
    job_repository.claim("worker-a", at(10), LEASE_SECONDS, job_id=job.id)
    job_repository.request_cancel(job.id, at(11))

    reclaimed = job_repository.claim("worker-b", at(100), LEASE_SECONDS)

    assert reclaimed is not None
    assert (reclaimed.id, reclaimed.status, reclaimed.attempt) == (job.id, JobStatus.CANCELLING, 2)


def test_claiming_the_next_job_takes_the_oldest_claimable_of_the_wanted_kinds(
    job_repository: JobRepository,
) -> None:
    oldest = job_repository.create(new_job(0, kind="export")).job
    train = job_repository.create(new_job(1, kind="train")).job
    newer = job_repository.create(new_job(2, kind="export")).job

    first = job_repository.claim("w", at(10), LEASE_SECONDS, kinds={"export"})
    second = job_repository.claim("w", at(10), LEASE_SECONDS, kinds={"export"})
    third = job_repository.claim("w", at(10), LEASE_SECONDS, kinds={"export"})
    any_kind = job_repository.claim("w", at(10), LEASE_SECONDS)

    assert (first and first.id, second and second.id, third) == (oldest.id, newer.id, None)
    assert any_kind is not None
    assert any_kind.id == train.id


def test_finished_and_unknown_jobs_are_not_claimable(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job
    job_repository.claim("w", at(1), LEASE_SECONDS, job_id=job.id)
    job_repository.finish(job.id, 1, JobOutcome.succeeded("artifact-1"), at(2))

    assert job_repository.claim("w", at(1000), LEASE_SECONDS, job_id=job.id) is None
    assert job_repository.claim("w", at(1000), LEASE_SECONDS) is None
    assert job_repository.claim("w", at(1000), LEASE_SECONDS, job_id="no-such-job") is None


def test_only_one_of_many_racing_workers_claims_an_expired_job(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job
    job_repository.claim("worker-0", at(1), LEASE_SECONDS, job_id=job.id)
    racers = 8
    barrier = threading.Barrier(racers)
    wins: list[int] = []

    def race(index: int) -> None:
        barrier.wait()
        claimed = job_repository.claim(f"worker-{index + 1}", at(1000), LEASE_SECONDS, job_id=job.id)
        if claimed is not None:
            wins.append(claimed.attempt)

    threads = [threading.Thread(target=race, args=(index,)) for index in range(racers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert wins == [2]
    stored = job_repository.get(job.id)
    assert stored is not None
    assert stored.attempt == 2


def test_a_heartbeat_extends_the_lease_without_a_new_version(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job
    claimed = job_repository.claim("w", at(10), LEASE_SECONDS, job_id=job.id)
    assert claimed is not None

    beaten = job_repository.heartbeat(job.id, 1, at(40), LEASE_SECONDS)

    assert beaten is not None
    assert beaten.lease is not None
    assert (beaten.lease.holder, beaten.lease.heartbeat_at) == ("w", at(40))
    assert beaten.lease.expires_at == at(40 + LEASE_SECONDS)
    assert (beaten.version, beaten.updated_at) == (claimed.version, claimed.updated_at)
    assert job_repository.get(job.id) == beaten


def test_a_heartbeat_revives_an_expired_lease_nobody_claimed(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job
    job_repository.claim("w", at(10), LEASE_SECONDS, job_id=job.id)

    late = job_repository.heartbeat(job.id, 1, at(500), LEASE_SECONDS)

    assert late is not None
    assert job_repository.claim("other", at(501), LEASE_SECONDS) is None


def test_a_stale_or_unleased_heartbeat_is_refused(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job
    assert job_repository.heartbeat(job.id, 0, at(1), LEASE_SECONDS) is None  # queued
    job_repository.claim("a", at(10), LEASE_SECONDS, job_id=job.id)
    job_repository.claim("b", at(100), LEASE_SECONDS, job_id=job.id)

    assert job_repository.heartbeat(job.id, 1, at(101), LEASE_SECONDS) is None
    stored = job_repository.get(job.id)
    assert stored is not None
    assert stored.lease is not None
    assert (stored.lease.holder, stored.lease.expires_at) == ("b", at(100 + LEASE_SECONDS))
    assert job_repository.heartbeat("no-such-job", 1, at(101), LEASE_SECONDS) is None


def test_a_heartbeat_shows_a_requested_cancel(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job
    job_repository.claim("w", at(10), LEASE_SECONDS, job_id=job.id)
    job_repository.request_cancel(job.id, at(11))

    beaten = job_repository.heartbeat(job.id, 1, at(12), LEASE_SECONDS)

    assert beaten is not None
    assert beaten.status is JobStatus.CANCELLING


def test_expired_jobs_are_the_leased_ones_past_their_expiry_oldest_first(
    job_repository: JobRepository,
) -> None:
    queued = job_repository.create(new_job(0)).job
    older = job_repository.create(new_job(1)).job
    newer = job_repository.create(new_job(2)).job
    live = job_repository.create(new_job(3)).job
    cancelling = job_repository.create(new_job(4)).job
    for job in (newer, older, cancelling):
        job_repository.claim("w", at(10), LEASE_SECONDS, job_id=job.id)
    job_repository.request_cancel(cancelling.id, at(11))
    job_repository.claim("w", at(50), LEASE_SECONDS, job_id=live.id)
    now = at(10 + LEASE_SECONDS)

    expired = job_repository.list_expired(now, limit=10)

    assert [job.id for job in expired] == [older.id, newer.id, cancelling.id]
    assert [job.id for job in job_repository.list_expired(now, limit=2)] == [older.id, newer.id]
    assert queued.id not in {job.id for job in expired}
