"""JobRunner contract: submitted jobs run to their end, cancels stop them, and nothing is lost when a
worker dies or shuts down."""

from __future__ import annotations

from spacetime_service.application.jobs.cancel_job import CancelJob, CancelJobCommand
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.builders import LEASE_SECONDS
from tests.support.jobs.handlers import expected_sum
from tests.support.jobs.runner_harness import RunnerHarness, has_ended, wait_for


def test_a_submitted_job_runs_to_success(runner_harness: RunnerHarness) -> None:
    runner = runner_harness.start_runner("worker-a")

    job = runner_harness.submit("sum_of_squares", {"n": 50, "chunk": 7}, runner)

    ended = wait_for(runner_harness, job.id, has_ended)
    assert (ended.status, ended.result_ref) == (JobStatus.SUCCEEDED, expected_sum(50))
    assert ended.progress == Progress(50, 50, "rows")
    assert ended.attempt == 1


def test_a_failing_job_ends_failed_with_its_detail(runner_harness: RunnerHarness) -> None:
    runner = runner_harness.start_runner("worker-a")

    job = runner_harness.submit("failing", {}, runner)

    ended = wait_for(runner_harness, job.id, has_ended)
    assert (ended.status, ended.error) == (JobStatus.FAILED, "the input table is empty")


def test_a_cancelled_running_job_ends_cancelled(runner_harness: RunnerHarness) -> None:
    runner = runner_harness.start_runner("worker-a")
    job = runner_harness.submit("endless", {}, runner)
    wait_for(runner_harness, job.id, lambda seen: seen.progress.done >= 2)

    CancelJob(runner_harness.repository, runner_harness.clock).execute(CancelJobCommand(job.id))

    ended = wait_for(runner_harness, job.id, has_ended)
    assert (ended.status, ended.result_ref) == (JobStatus.CANCELLED, None)


def test_a_job_cancelled_while_queued_never_starts(runner_harness: RunnerHarness) -> None:
    idle = runner_harness.start_runner("worker-a")
    idle.shutdown(5)
    queued = runner_harness.submit("sum_of_squares", {"n": 5, "chunk": 2}, idle)
    CancelJob(runner_harness.repository, runner_harness.clock).execute(CancelJobCommand(queued.id))

    runner = runner_harness.start_runner("worker-b")
    later = runner_harness.submit("sum_of_squares", {"n": 5, "chunk": 2}, runner)
    wait_for(runner_harness, later.id, has_ended)

    never_started = runner_harness.repository.get(queued.id)
    assert never_started is not None
    assert (never_started.status, never_started.attempt, never_started.started_at) == (
        JobStatus.CANCELLED,
        0,
        None,
    )


def test_a_job_left_by_a_dead_worker_is_resumed_from_its_checkpoint(runner_harness: RunnerHarness) -> None:
    idle = runner_harness.start_runner("worker-a")
    idle.shutdown(5)
    job = runner_harness.submit("sum_of_squares", {"n": 20, "chunk": 3}, idle)
    repository, clock = runner_harness.repository, runner_harness.clock
    dead = repository.claim("dead-worker", clock.now(), LEASE_SECONDS, job_id=job.id)
    assert dead is not None
    repository.record_progress(
        job.id,
        1,
        Progress(9, 20, "rows"),
        eta_seconds=None,
        checkpoint={"last_id": 9, "sum": 285},
        now=clock.now(),
    )
    clock.advance(LEASE_SECONDS)

    runner_harness.start_runner("worker-b")

    ended = wait_for(runner_harness, job.id, has_ended)
    assert (ended.status, ended.result_ref, ended.attempt) == (JobStatus.SUCCEEDED, expected_sum(20), 2)


def test_a_shutdown_hands_running_jobs_back_to_be_resumed(runner_harness: RunnerHarness) -> None:
    first = runner_harness.start_runner("worker-a")
    job = runner_harness.submit("endless", {}, first)
    wait_for(runner_harness, job.id, lambda seen: seen.progress.done >= 2)

    first.shutdown(10)

    handed_back = runner_harness.repository.get(job.id)
    assert handed_back is not None
    assert (handed_back.status, handed_back.lease) == (JobStatus.QUEUED, None)
    saved = handed_back.checkpoint
    assert saved is not None
    assert saved["chunks"] == handed_back.progress.done
    runner_harness.start_runner("worker-b")
    resumed = wait_for(runner_harness, job.id, lambda seen: seen.progress.done > handed_back.progress.done)
    assert (resumed.attempt, resumed.status) == (2, JobStatus.RUNNING)
    assert resumed.lease is not None
    assert resumed.lease.holder == "worker-b"
