"""One attempt of a job: success, failure, cancel at a chunk boundary, shutdown, and ETA reporting."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.engine import Engine
from tests.support.jobs.handlers import FailingHandler, SumOfSquaresHandler, expected_sum

if TYPE_CHECKING:
    from spacetime_service.application.jobs.context import JobContext
    from spacetime_service.domain.jobs.json_value import JsonObject

SUM_REQUEST: JsonObject = {"n": 10, "chunk": 3}


def test_a_job_runs_to_success_with_its_result_and_final_progress() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)

    finished = engine.run(engine.executor(SumOfSquaresHandler()), "w", job.id)

    assert finished is not None
    assert (finished.status, finished.result_ref) == (JobStatus.SUCCEEDED, expected_sum(10))
    assert finished.progress == Progress(10, 10, "rows")
    assert finished.checkpoint is None  # a succeeded job has nothing left to resume


def test_each_chunk_saves_its_checkpoint_and_progress_before_the_next() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)
    seen: list[tuple[int, object]] = []

    def look(context: JobContext, chunk: int) -> None:
        stored = engine.stored(job.id)
        seen.append((stored.progress.done, stored.checkpoint))

    engine.run(engine.executor(SumOfSquaresHandler(before_report=look)), "w", job.id)

    assert seen == [
        (0, None),
        (3, {"last_id": 3, "sum": 14}),
        (6, {"last_id": 6, "sum": 91}),
        (9, {"last_id": 9, "sum": 285}),
    ]


def test_a_domain_error_fails_the_job_with_its_detail() -> None:
    engine = Engine()
    job = engine.submit("failing", {})

    finished = engine.run(engine.executor(FailingHandler()), "w", job.id)

    assert finished is not None
    assert (finished.status, finished.error) == (JobStatus.FAILED, "the input table is empty")


def test_an_unexpected_error_fails_the_job_without_showing_its_message() -> None:
    engine = Engine()
    job = engine.submit("failing", {"internal": True})

    finished = engine.run(engine.executor(FailingHandler()), "w", job.id)

    assert finished is not None
    assert finished.status is JobStatus.FAILED
    assert finished.error is not None
    assert "secret" not in finished.error


def test_a_job_of_a_kind_without_handler_fails() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)

    finished = engine.run(engine.executor(FailingHandler()), "w", job.id)

    assert finished is not None
    assert finished.status is JobStatus.FAILED
    assert finished.error is not None
    assert "sum_of_squares" in finished.error


def test_a_cancelled_running_job_stops_at_the_next_chunk_boundary() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)

    def cancel_during_second_chunk(context: JobContext, chunk: int) -> None:
        if chunk == 2:
            engine.repository.request_cancel(job.id, engine.clock.now())

    handler = SumOfSquaresHandler(before_report=cancel_during_second_chunk)
    finished = engine.run(engine.executor(handler), "w", job.id)

    assert finished is not None
    assert (finished.status, finished.result_ref) == (JobStatus.CANCELLED, None)
    assert handler.chunks_done == 2
    assert finished.progress == Progress(6, 10, "rows")  # the chunk that was done is still recorded


def test_a_claimed_job_that_is_already_cancelling_ends_cancelled_without_running() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)
    engine.claim("dead-worker", job.id)
    engine.repository.request_cancel(job.id, engine.clock.now())
    engine.clock.advance(61)
    handler = SumOfSquaresHandler()

    finished = engine.run(engine.executor(handler), "w", job.id)

    assert finished is not None
    assert (finished.status, finished.attempt) == (JobStatus.CANCELLED, 2)
    assert handler.started_from == []


def test_a_suspended_job_goes_back_to_queued_and_resumes_from_its_checkpoint() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)
    claimed = engine.claim("w", job.id)
    control = AttemptControl(claimed.id, claimed.attempt)

    def shut_down_in_second_chunk(context: JobContext, chunk: int) -> None:
        if chunk == 2:
            control.suspend.set()

    first = SumOfSquaresHandler(before_report=shut_down_in_second_chunk)
    released = engine.executor(first).run(claimed, control)
    second = SumOfSquaresHandler()
    finished = engine.run(engine.executor(second), "other", job.id)

    assert released is not None
    assert (released.status, released.lease, released.progress.done) == (JobStatus.QUEUED, None, 6)
    assert second.started_from == [6]
    assert finished is not None
    assert (finished.status, finished.result_ref, finished.attempt) == (
        JobStatus.SUCCEEDED,
        expected_sum(10),
        2,
    )


def test_reports_carry_an_eta_from_the_moving_average_of_throughput() -> None:
    engine = Engine()  # the executor's half-life is 10 s
    job = engine.submit("sum_of_squares", {"n": 12, "chunk": 3})
    chunk_seconds = iter([1.0, 3.0, 1.0, 2.0])
    etas: list[float | None] = []

    def take_time(context: JobContext, chunk: int) -> None:
        if chunk > 1:
            etas.append(engine.stored(job.id).eta_seconds)
        engine.clock.advance(next(chunk_seconds))

    engine.run(engine.executor(SumOfSquaresHandler(before_report=take_time)), "w", job.id)

    rate_1 = 3 / 1.0  # 3 rows in the first second
    rate_2 = rate_1 + (1 - 0.5 ** (3 / 10)) * (3 / 3.0 - rate_1)
    rate_3 = rate_2 + (1 - 0.5 ** (1 / 10)) * (3 / 1.0 - rate_2)
    assert etas == pytest.approx([9 / rate_1, 6 / rate_2, 3 / rate_3])
    assert engine.stored(job.id).eta_seconds is None  # a finished job has no ETA
