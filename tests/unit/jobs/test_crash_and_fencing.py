"""Crash recovery from the checkpoint, and fencing of a worker that lost its job to another."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.engine import LEASE_SECONDS, Engine
from tests.support.jobs.handlers import SimulatedCrash, SumOfSquaresHandler, expected_sum

if TYPE_CHECKING:
    from spacetime_service.application.jobs.context import JobContext
    from spacetime_service.domain.jobs.json_value import JsonObject

REQUEST: JsonObject = {"n": 20, "chunk": 3}


def _uninterrupted_result() -> tuple[str | None, object]:
    engine = Engine()
    job = engine.submit("sum_of_squares", REQUEST)
    finished = engine.run(engine.executor(SumOfSquaresHandler()), "w", job.id)
    assert finished is not None
    return finished.result_ref, finished.progress


def test_a_job_whose_worker_crashed_is_resumed_from_its_checkpoint_by_a_later_runner() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", REQUEST)
    crashing = SumOfSquaresHandler(crash_after=3)
    with pytest.raises(SimulatedCrash):
        engine.run(engine.executor(crashing), "worker-a", job.id)
    left = engine.stored(job.id)
    assert (left.status, left.attempt, left.progress.done) == (JobStatus.RUNNING, 1, 9)

    assert engine.repository.claim("worker-b", engine.clock.now(), LEASE_SECONDS) is None  # lease still live
    engine.clock.advance(LEASE_SECONDS)
    resuming = SumOfSquaresHandler()
    finished = engine.run(engine.executor(resuming), "worker-b", job.id)

    assert resuming.started_from == [9]
    assert resuming.chunks_done == 4  # 10-12, 13-15, 16-18, 19-20: no chunk is done twice
    assert finished is not None
    assert (finished.status, finished.attempt) == (JobStatus.SUCCEEDED, 2)
    assert (finished.result_ref, finished.progress) == _uninterrupted_result()
    assert finished.result_ref == expected_sum(20)


def test_a_worker_that_lost_its_job_to_another_can_write_nothing_more() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", REQUEST)
    successor = SumOfSquaresHandler()

    def stall_then_be_overtaken(context: JobContext, chunk: int) -> None:
        if chunk == 2:
            # Worker A stalls past its lease; worker B claims the job and runs it to the end.
            engine.clock.advance(LEASE_SECONDS)
            finished_by_b = engine.run(engine.executor(successor), "worker-b", job.id)
            assert finished_by_b is not None
            assert finished_by_b.status is JobStatus.SUCCEEDED

    stalled = SumOfSquaresHandler(before_report=stall_then_be_overtaken)
    outcome_of_a = engine.run(engine.executor(stalled), "worker-a", job.id)

    assert outcome_of_a is None
    assert stalled.chunks_done == 2  # A stopped at its first refused write
    final = engine.stored(job.id)
    assert (final.status, final.attempt, final.lease) == (JobStatus.SUCCEEDED, 2, None)
    assert (final.result_ref, final.progress) == _uninterrupted_result()
    assert successor.started_from == [3]


def test_a_lost_worker_is_refused_even_before_its_successor_saves_a_checkpoint() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", REQUEST)

    def be_overtaken(context: JobContext, chunk: int) -> None:
        if chunk == 2:
            engine.clock.advance(LEASE_SECONDS)
            engine.claim("worker-b", job.id)

    stalled = SumOfSquaresHandler(before_report=be_overtaken)
    assert engine.run(engine.executor(stalled), "worker-a", job.id) is None

    after = engine.stored(job.id)
    assert (after.status, after.attempt, after.progress.done) == (JobStatus.RUNNING, 2, 3)
    assert after.lease is not None
    assert after.lease.holder == "worker-b"
