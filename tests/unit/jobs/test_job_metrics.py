"""What the job engine reports to its JobMetrics: submissions, chunks (time, rows), ends, resumes,
lost leases and retries, over the in-memory store and a clock the tests move."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.retry_policy import RetryPolicy
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from spacetime_service.domain.errors import Unavailable
from spacetime_service.domain.jobs.status import JobStatus
from tests.fakes.metrics import RecordingJobMetrics
from tests.support.jobs.engine import LEASE_SECONDS, Engine
from tests.support.jobs.handlers import FailingHandler, SimulatedCrash, SumOfSquaresHandler

if TYPE_CHECKING:
    from spacetime_service.application.jobs.context import JobContext
    from spacetime_service.application.jobs.handler import JobHandler

KIND = SumOfSquaresHandler.kind
NO_WAIT = RetryPolicy(max_retries=2, first_delay_seconds=0, max_delay_seconds=0)


def _executor(engine: Engine, metrics: RecordingJobMetrics, handler: JobHandler) -> JobExecutor:
    kind = str(getattr(handler, "kind"))  # noqa: B009 - every test handler names its kind
    return JobExecutor(
        engine.repository, {kind: handler}, engine.clock, retry_policy=NO_WAIT, metrics=metrics
    )


def test_a_new_submission_counts_and_an_idempotent_repeat_does_not() -> None:
    engine, metrics = Engine(), RecordingJobMetrics()
    submit = SubmitJob(engine.repository, engine.runner, engine.clock, engine.ids, {KIND}, metrics=metrics)
    for _ in range(2):
        submit.execute(SubmitJobCommand(KIND, "alice", {"n": 3, "chunk": 3}, "key-1"))
    submit.execute(SubmitJobCommand(KIND, "alice", {"n": 3, "chunk": 3}))
    assert metrics.events["submitted", KIND] == 2


def test_each_chunk_reports_its_time_and_rows_and_the_end_the_whole_time() -> None:
    engine, metrics = Engine(), RecordingJobMetrics()

    def two_seconds_per_chunk(context: JobContext, chunk: int) -> None:
        engine.clock.advance(2)

    executor = _executor(engine, metrics, SumOfSquaresHandler(before_report=two_seconds_per_chunk))
    job = engine.submit(KIND, {"n": 10, "chunk": 3})
    assert engine.run(executor, "w1", job.id) is not None
    assert metrics.chunk_seconds == [2.0, 2.0, 2.0, 2.0]
    assert metrics.rows[KIND] == 10
    assert metrics.events["finished", KIND, "succeeded"] == 1
    assert metrics.job_seconds == [8.0]
    assert metrics.events["resumed", KIND] == 0


def test_a_resumed_attempt_counts_as_a_resume_and_only_its_own_rows() -> None:
    engine, metrics = Engine(), RecordingJobMetrics()
    job = engine.submit(KIND, {"n": 10, "chunk": 3})
    with pytest.raises(SimulatedCrash):
        engine.run(_executor(engine, metrics, SumOfSquaresHandler(crash_after=1)), "w1", job.id)
    engine.clock.advance(LEASE_SECONDS + 1)
    engine.run(_executor(engine, metrics, SumOfSquaresHandler()), "w2", job.id)
    assert metrics.events["resumed", KIND] == 1
    assert metrics.rows[KIND] == 10  # 3 by the first attempt, 7 by the second


def test_an_attempt_that_finds_its_lease_taken_counts_a_lease_expiry() -> None:
    engine, metrics = Engine(), RecordingJobMetrics()
    job = engine.submit(KIND, {"n": 10, "chunk": 3})

    def taken_over(context: JobContext, chunk: int) -> None:
        if chunk == 2:
            engine.clock.advance(LEASE_SECONDS + 1)
            engine.claim("w2", job.id)

    ended = engine.run(
        _executor(engine, metrics, SumOfSquaresHandler(before_report=taken_over)), "w1", job.id
    )
    assert ended is None
    assert metrics.events["lease_expired", KIND] == 1
    assert metrics.events["finished", KIND, "succeeded"] == 0


def test_a_transient_fault_counts_a_retry() -> None:
    engine, metrics = Engine(), RecordingJobMetrics()
    faults = [Unavailable("the database is unavailable or busy; retry later")]

    def fault_once(context: JobContext, chunk: int) -> None:
        if chunk == 2 and faults:
            raise faults.pop()

    job = engine.submit(KIND, {"n": 10, "chunk": 3})
    ended = engine.run(
        _executor(engine, metrics, SumOfSquaresHandler(before_report=fault_once)), "w1", job.id
    )
    assert ended is not None
    assert ended.status is JobStatus.SUCCEEDED
    assert metrics.events["retried", KIND] == 1


def test_a_failed_job_counts_with_its_outcome() -> None:
    engine, metrics = Engine(), RecordingJobMetrics()
    job = engine.submit(FailingHandler.kind, {})
    claimed = engine.claim("w1", job.id)
    _executor(engine, metrics, FailingHandler()).run(claimed, AttemptControl(claimed.id, claimed.attempt))
    assert metrics.events["finished", FailingHandler.kind, "failed"] == 1
