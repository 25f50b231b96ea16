"""The in-process runner: bounded concurrency, and a dropped runner fenced off by its successor."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.in_process_runner import InProcessJobRunner
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.engine import LEASE_SECONDS, Engine
from tests.support.jobs.handlers import SumOfSquaresHandler, expected_sum

if TYPE_CHECKING:
    from spacetime_service.application.jobs.context import JobContext
    from spacetime_service.application.jobs.handler import JobHandler
    from spacetime_service.domain.jobs.job import Job

WAIT = 30.0


def _runner(engine: Engine, worker_id: str, handler: JobHandler, *, max_jobs: int = 4) -> InProcessJobRunner:
    executor = JobExecutor(engine.repository, {"sum_of_squares": handler}, engine.clock)
    # Heartbeats every 30 real seconds never come during a test; the fixed clock decides expiry.
    settings = RunnerSettings(worker_id, max_jobs, LEASE_SECONDS, heartbeat_seconds=30, poll_seconds=0.05)
    return InProcessJobRunner(engine.repository, executor, engine.clock, settings)


def _wait_until(condition: object, what: str) -> None:
    assert callable(condition)
    pause = threading.Event()
    for _ in range(int(WAIT / 0.01)):
        if condition():
            return
        pause.wait(0.01)
    pytest.fail(f"never happened: {what}")


def _status(engine: Engine, job: Job) -> JobStatus:
    return engine.stored(job.id).status


def test_no_more_than_the_configured_number_of_jobs_run_at_once() -> None:
    engine = Engine()
    gate, arrived = threading.Event(), threading.Semaphore(0)

    def hold(context: JobContext, chunk: int) -> None:
        arrived.release()
        assert gate.wait(WAIT)

    runner = _runner(engine, "w", SumOfSquaresHandler(before_report=hold), max_jobs=2)
    runner.start()
    try:
        jobs = [engine.submit("sum_of_squares", {"n": 2, "chunk": 2}) for _ in range(4)]
        for job in jobs:
            runner.submit(job.id)
        assert arrived.acquire(timeout=WAIT)
        assert arrived.acquire(timeout=WAIT)

        statuses = sorted(_status(engine, job) for job in jobs)
        assert statuses == [JobStatus.QUEUED, JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.RUNNING]
        assert len(runner.running_job_ids()) == 2

        gate.set()
        _wait_until(lambda: all(_status(engine, job) is JobStatus.SUCCEEDED for job in jobs), "all succeed")
    finally:
        gate.set()
        runner.shutdown(WAIT)


def test_a_dropped_runner_is_fenced_off_by_the_runner_that_resumes_its_job() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", {"n": 20, "chunk": 3})
    stalled, released = threading.Event(), threading.Event()

    def stall(context: JobContext, chunk: int) -> None:
        if chunk == 2:
            stalled.set()
            assert released.wait(WAIT)

    # One slot, held by the stalled attempt: the hung runner cannot claim its own expired job again.
    dropped = _runner(engine, "worker-a", SumOfSquaresHandler(before_report=stall), max_jobs=1)
    dropped.start()
    try:
        assert stalled.wait(WAIT)
        engine.clock.advance(LEASE_SECONDS)  # worker A stops heartbeating, as if its process hung
        successor_handler = SumOfSquaresHandler()
        successor = _runner(engine, "worker-b", successor_handler)
        successor.start()
        _wait_until(lambda: _status(engine, job) is JobStatus.SUCCEEDED, "the successor finishes")
        finished = engine.stored(job.id)

        released.set()
        _wait_until(lambda: not dropped.running_job_ids(), "the dropped runner gives up")

        assert successor_handler.started_from == [3]
        assert engine.stored(job.id) == finished  # nothing worker A tried afterwards was written
        assert (finished.attempt, finished.result_ref) == (2, expected_sum(20))
        successor.shutdown(WAIT)
    finally:
        released.set()
        dropped.shutdown(WAIT)


def test_settings_keep_heartbeats_well_inside_the_lease() -> None:
    with pytest.raises(InvalidInput):
        RunnerSettings("w", lease_seconds=10, heartbeat_seconds=6)
    with pytest.raises(InvalidInput):
        RunnerSettings("w", max_concurrent_jobs=0)
