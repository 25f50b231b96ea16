"""JobRepository contract: progress, endings, release and cancel, each fenced by the attempt."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.jobs.outcome import MAX_ERROR_LENGTH, JobOutcome
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job


def _running(repository: JobRepository, *, worker: str = "w", second: int = 10) -> Job:
    job = repository.create(new_job(0)).job
    claimed = repository.claim(worker, at(second), LEASE_SECONDS, job_id=job.id)
    assert claimed is not None
    return claimed


def _progress(repository: JobRepository, job: Job, attempt: int, done: int, second: int) -> Job | None:
    return repository.record_progress(
        job.id,
        attempt,
        Progress(done, 100, "rows"),
        eta_seconds=12.5,
        checkpoint={"last_id": done, "sums": [1.5, 2]},
        now=at(second),
    )


def test_progress_stores_progress_eta_and_checkpoint_with_a_new_version(
    job_repository: JobRepository,
) -> None:
    job = _running(job_repository)

    written = _progress(job_repository, job, 1, 40, 20)

    assert written is not None
    assert (written.progress, written.eta_seconds) == (Progress(40, 100, "rows"), 12.5)
    assert written.checkpoint == {"last_id": 40, "sums": [1.5, 2]}
    assert (written.version, written.updated_at, written.status) == (
        job.version + 1,
        at(20),
        JobStatus.RUNNING,
    )
    assert job_repository.get(job.id) == written


def test_progress_without_a_checkpoint_keeps_the_last_one(job_repository: JobRepository) -> None:
    job = _running(job_repository)
    _progress(job_repository, job, 1, 40, 20)

    written = job_repository.record_progress(
        job.id, 1, Progress(50, None, "rows"), eta_seconds=None, checkpoint=None, now=at(21)
    )

    assert written is not None
    assert written.checkpoint == {"last_id": 40, "sums": [1.5, 2]}
    assert (written.progress, written.eta_seconds) == (Progress(50, None, "rows"), None)


def test_a_superseded_attempt_can_write_nothing(job_repository: JobRepository) -> None:
    job = _running(job_repository, worker="old", second=10)
    _progress(job_repository, job, 1, 10, 11)
    successor = job_repository.claim("new", at(10 + LEASE_SECONDS), LEASE_SECONDS, job_id=job.id)
    assert successor is not None
    assert successor.attempt == 2

    assert _progress(job_repository, job, 1, 99, 80) is None
    assert job_repository.finish(job.id, 1, JobOutcome.succeeded("stale"), at(81)) is None
    assert job_repository.finish(job.id, 1, JobOutcome.failed("stale"), at(81)) is None
    assert job_repository.release(job.id, 1, at(81)) is None
    assert job_repository.heartbeat(job.id, 1, at(81), LEASE_SECONDS) is None
    assert job_repository.get(job.id) == successor


def test_writes_to_a_queued_or_unknown_job_are_refused(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job

    assert _progress(job_repository, job, 0, 1, 1) is None
    assert job_repository.finish(job.id, 0, JobOutcome.succeeded(), at(1)) is None
    assert job_repository.finish("no-such-job", 1, JobOutcome.succeeded(), at(1)) is None
    assert job_repository.get(job.id) == job


def test_success_ends_the_job_with_its_result_and_drops_the_lease(job_repository: JobRepository) -> None:
    job = _running(job_repository)
    _progress(job_repository, job, 1, 100, 20)

    finished = job_repository.finish(job.id, 1, JobOutcome.succeeded("artifact-7"), at(30))

    assert finished is not None
    assert (finished.status, finished.result_ref, finished.error) == (JobStatus.SUCCEEDED, "artifact-7", None)
    assert (finished.lease, finished.eta_seconds, finished.finished_at) == (None, None, at(30))
    assert finished.checkpoint is None  # nothing is left to resume
    assert finished.attempt == 1
    assert job_repository.get(job.id) == finished


def test_failure_ends_the_job_with_its_error_and_keeps_its_checkpoint(job_repository: JobRepository) -> None:
    job = _running(job_repository)
    _progress(job_repository, job, 1, 40, 20)

    finished = job_repository.finish(job.id, 1, JobOutcome.failed("the input table is empty"), at(30))

    assert finished is not None
    assert (finished.status, finished.error, finished.result_ref) == (
        JobStatus.FAILED,
        "the input table is empty",
        None,
    )
    assert finished.checkpoint == {"last_id": 40, "sums": [1.5, 2]}  # kept for inspection


def test_a_finished_job_cannot_be_finished_again(job_repository: JobRepository) -> None:
    job = _running(job_repository)
    first = job_repository.finish(job.id, 1, JobOutcome.failed("boom"), at(30))

    assert job_repository.finish(job.id, 1, JobOutcome.succeeded("late"), at(31)) is None
    assert job_repository.get(job.id) == first


def test_only_a_cancelling_job_ends_cancelled(job_repository: JobRepository) -> None:
    job = _running(job_repository)

    assert job_repository.finish(job.id, 1, JobOutcome.cancelled(), at(20)) is None
    job_repository.request_cancel(job.id, at(21))
    finished = job_repository.finish(job.id, 1, JobOutcome.cancelled(), at(22))

    assert finished is not None
    assert (finished.status, finished.finished_at, finished.lease) == (JobStatus.CANCELLED, at(22), None)


def test_a_cancelling_job_may_still_end_succeeded(job_repository: JobRepository) -> None:
    job = _running(job_repository)
    job_repository.request_cancel(job.id, at(21))

    finished = job_repository.finish(job.id, 1, JobOutcome.succeeded("artifact-1"), at(22))

    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED


def test_progress_shows_a_requested_cancel(job_repository: JobRepository) -> None:
    job = _running(job_repository)
    job_repository.request_cancel(job.id, at(15))

    written = _progress(job_repository, job, 1, 10, 16)

    assert written is not None
    assert written.status is JobStatus.CANCELLING


def test_cancelling_a_queued_job_ends_it_at_once(job_repository: JobRepository) -> None:
    job = job_repository.create(new_job(0)).job

    cancelled = job_repository.request_cancel(job.id, at(5))

    assert (cancelled.status, cancelled.finished_at, cancelled.version) == (JobStatus.CANCELLED, at(5), 2)
    assert job_repository.claim("w", at(6), LEASE_SECONDS) is None
    assert job_repository.get(job.id) == cancelled


def test_cancelling_a_running_job_asks_it_to_stop(job_repository: JobRepository) -> None:
    job = _running(job_repository)

    cancelling = job_repository.request_cancel(job.id, at(15))

    assert (cancelling.status, cancelling.attempt, cancelling.finished_at) == (JobStatus.CANCELLING, 1, None)
    assert cancelling.lease == job.lease
    assert (cancelling.version, cancelling.updated_at) == (job.version + 1, at(15))


def test_cancelling_again_or_after_the_end_changes_nothing(job_repository: JobRepository) -> None:
    running = _running(job_repository)
    cancelling = job_repository.request_cancel(running.id, at(15))
    finished = _running(job_repository)
    succeeded = job_repository.finish(finished.id, 1, JobOutcome.succeeded(), at(16))

    assert job_repository.request_cancel(running.id, at(17)) == cancelling
    assert job_repository.request_cancel(finished.id, at(17)) == succeeded


def test_cancelling_an_unknown_job_is_not_found(job_repository: JobRepository) -> None:
    with pytest.raises(NotFound):
        job_repository.request_cancel("no-such-job", at(1))


def test_a_released_job_is_queued_again_and_resumed_by_the_next_claim(job_repository: JobRepository) -> None:
    job = _running(job_repository)
    _progress(job_repository, job, 1, 30, 20)

    released = job_repository.release(job.id, 1, at(25))
    resumed = job_repository.claim("other", at(26), LEASE_SECONDS)

    assert released is not None
    assert (released.status, released.lease, released.attempt) == (JobStatus.QUEUED, None, 1)
    assert released.checkpoint == {"last_id": 30, "sums": [1.5, 2]}
    assert resumed is not None
    assert (resumed.id, resumed.attempt, resumed.started_at) == (job.id, 2, at(10))
    assert resumed.checkpoint == released.checkpoint


def test_a_cancelling_job_is_not_released(job_repository: JobRepository) -> None:
    job = _running(job_repository)
    job_repository.request_cancel(job.id, at(15))

    assert job_repository.release(job.id, 1, at(16)) is None


def test_every_write_but_the_heartbeat_increases_the_version(job_repository: JobRepository) -> None:
    job = _running(job_repository)  # version 2
    versions = [job.version]
    for second in (20, 21):
        written = _progress(job_repository, job, 1, second, second)
        assert written is not None
        versions.append(written.version)
    beaten = job_repository.heartbeat(job.id, 1, at(22), LEASE_SECONDS)
    assert beaten is not None
    versions.append(beaten.version)
    cancelling = job_repository.request_cancel(job.id, at(23))
    versions.append(cancelling.version)
    finished = job_repository.finish(job.id, 1, JobOutcome.cancelled(), at(24))
    assert finished is not None
    versions.append(finished.version)

    assert versions == [2, 3, 4, 4, 5, 6]


def test_a_retry_is_counted_with_its_error_and_keeps_progress_and_checkpoint(
    job_repository: JobRepository,
) -> None:
    job = _running(job_repository)
    progressed = _progress(job_repository, job, 1, 40, 20)
    assert progressed is not None

    first = job_repository.record_retry(job.id, 1, "the database is unavailable", at(21))
    second = job_repository.record_retry(job.id, 1, "x" * 3000, at(22))

    assert first is not None
    assert second is not None
    assert (first.retries, first.retry_error, first.version) == (
        1,
        "the database is unavailable",
        progressed.version + 1,
    )
    assert (second.retries, second.retry_error) == (2, "x" * MAX_ERROR_LENGTH)
    assert (second.status, second.attempt, second.progress, second.checkpoint) == (
        JobStatus.RUNNING,
        1,
        progressed.progress,
        progressed.checkpoint,
    )
    assert job_repository.get(job.id) == second


def test_a_retry_is_fenced_by_the_attempt(job_repository: JobRepository) -> None:
    job = _running(job_repository)

    refused = job_repository.record_retry(job.id, 2, "the database is unavailable", at(21))

    assert refused is None
    stored = job_repository.get(job.id)
    assert stored is not None
    assert (stored.retries, stored.retry_error) == (0, None)
