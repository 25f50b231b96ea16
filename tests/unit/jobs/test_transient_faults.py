"""Transient faults are retried from the record's checkpoint by the same attempt; the job's own fail it.

Over the in-memory store, with a retry policy that does not wait (the delays are RetryPolicy's own
tests, below), so each test is the retry rule alone.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.in_process_runner import InProcessJobRunner
from spacetime_service.application.jobs.retry_policy import RetryPolicy
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from spacetime_service.domain.errors import Conflict, DomainError, InvalidInput, Unavailable
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.engine import Engine
from tests.support.jobs.handlers import ChunkHook, SumOfSquaresHandler, expected_sum

if TYPE_CHECKING:
    from spacetime_service.application.jobs.context import JobContext
    from spacetime_service.application.jobs.handler import JobHandler
    from spacetime_service.domain.jobs.json_value import JsonObject

SUM_REQUEST: JsonObject = {"n": 10, "chunk": 3}
FAULT = "the database is unavailable or busy; retry later"
NO_WAIT = RetryPolicy(max_retries=2, first_delay_seconds=0, max_delay_seconds=0)


def _executor(engine: Engine, handler: JobHandler, policy: RetryPolicy = NO_WAIT) -> JobExecutor:
    kind = str(getattr(handler, "kind"))  # noqa: B009 - every test handler names its kind
    return JobExecutor(engine.repository, {kind: handler}, engine.clock, retry_policy=policy)


def _faults(count: int, error: DomainError) -> ChunkHook:
    """A before_report hook that raises `error` `count` times, from the second chunk on."""
    left = [count]

    def hook(context: JobContext, chunk: int) -> None:
        if chunk >= 2 and left[0] > 0:
            left[0] -= 1
            raise error

    return hook


class _Raising:
    kind = "raising"

    def __init__(self, error: Exception) -> None:
        self._error = error
        self.runs = 0

    def run(self, context: JobContext) -> str | None:  # noqa: ARG002 - it fails before reading it
        self.runs += 1
        raise self._error


def test_a_transient_fault_twice_is_retried_from_the_checkpoint_and_the_job_succeeds() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)
    handler = SumOfSquaresHandler(before_report=_faults(2, Unavailable(FAULT)))

    finished = engine.run(_executor(engine, handler), "w", job.id)

    assert finished is not None
    # The sum travels in the checkpoint: a chunk counted twice, or lost, would change it.
    assert (finished.status, finished.result_ref) == (JobStatus.SUCCEEDED, expected_sum(10))
    assert handler.started_from == [0, 3, 3]  # each retry resumed from the committed chunk
    assert (finished.attempt, finished.retries, finished.retry_error) == (1, 2, FAULT)
    assert finished.progress == Progress(10, 10, "rows")
    assert finished.error is None


def test_each_retry_is_on_the_record_while_the_job_runs() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)
    seen: list[tuple[JobStatus, int, str | None]] = []
    fault_hook = _faults(2, Unavailable(FAULT))

    def hook(context: JobContext, chunk: int) -> None:
        stored = engine.stored(job.id)
        seen.append((stored.status, stored.retries, stored.retry_error))
        fault_hook(context, chunk)

    engine.run(_executor(engine, SumOfSquaresHandler(before_report=hook)), "w", job.id)

    assert [retries for _, retries, _ in seen] == [0, 0, 1, 2, 2, 2]
    assert {status for status, _, _ in seen} == {JobStatus.RUNNING}


def test_the_jobs_own_error_fails_it_at_once_with_its_detail() -> None:
    engine = Engine()
    job = engine.submit("raising", {})
    handler = _Raising(InvalidInput("the column 'price' is not in the table", field="column"))

    finished = engine.run(_executor(engine, handler), "w", job.id)

    assert finished is not None
    assert (finished.status, finished.error) == (JobStatus.FAILED, "the column 'price' is not in the table")
    assert (handler.runs, finished.retries) == (1, 0)


@pytest.mark.parametrize("error", [Conflict("already stored"), RuntimeError("a bug")])
def test_other_errors_are_not_retried(error: Exception) -> None:
    engine = Engine()
    job = engine.submit("raising", {})
    handler = _Raising(error)

    finished = engine.run(_executor(engine, handler), "w", job.id)

    assert finished is not None
    assert (finished.status, handler.runs, finished.retries) == (JobStatus.FAILED, 1, 0)


def test_a_transient_fault_beyond_the_bound_fails_the_job_with_its_detail() -> None:
    engine = Engine()
    job = engine.submit("raising", {})
    handler = _Raising(Unavailable(FAULT))

    finished = engine.run(_executor(engine, handler), "w", job.id)

    assert finished is not None
    assert finished.status is JobStatus.FAILED
    assert finished.error == f"{FAULT} (still failing after 2 retries)"
    assert (handler.runs, finished.retries, finished.retry_error) == (3, 2, FAULT)


def test_the_bound_counts_the_retries_of_earlier_attempts() -> None:
    engine = Engine()
    job = engine.submit("raising", {})
    first = engine.claim("w", job.id)
    engine.repository.record_retry(job.id, first.attempt, FAULT, engine.clock.now())
    engine.repository.record_retry(job.id, first.attempt, FAULT, engine.clock.now())
    engine.clock.advance(61)  # the worker died; its lease expired
    handler = _Raising(Unavailable(FAULT))

    finished = engine.run(_executor(engine, handler), "other", job.id)

    assert finished is not None
    assert (finished.status, finished.attempt, handler.runs) == (JobStatus.FAILED, 2, 1)


def test_a_shutdown_while_waiting_to_retry_releases_the_job_with_its_checkpoint() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)
    claimed = engine.claim("w", job.id)
    control = AttemptControl(claimed.id, claimed.attempt)

    def fault_and_shutdown(context: JobContext, chunk: int) -> None:
        if chunk == 2:
            control.suspend.set()
            raise Unavailable(FAULT)

    handler = SumOfSquaresHandler(before_report=fault_and_shutdown)
    released = _executor(engine, handler).run(claimed, control)

    assert released is not None
    assert (released.status, released.lease, released.checkpoint) == (
        JobStatus.QUEUED,
        None,
        {"last_id": 3, "sum": 14},
    )
    assert handler.started_from == [0]


def test_a_cancel_seen_when_the_retry_is_counted_ends_the_job_cancelled() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)

    def cancel_and_fault(context: JobContext, chunk: int) -> None:
        if chunk == 2:
            engine.repository.request_cancel(job.id, engine.clock.now())
            raise Unavailable(FAULT)

    handler = SumOfSquaresHandler(before_report=cancel_and_fault)
    finished = engine.run(_executor(engine, handler), "w", job.id)

    assert finished is not None
    assert (finished.status, finished.progress.done) == (JobStatus.CANCELLED, 3)
    assert handler.started_from == [0]


def test_a_lost_lease_while_waiting_ends_the_attempt_without_a_write() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)

    def fault_and_lose_the_lease(context: JobContext, chunk: int) -> None:
        if chunk == 2:
            engine.clock.advance(61)
            engine.claim("other", job.id)
            raise Unavailable(FAULT)

    handler = SumOfSquaresHandler(before_report=fault_and_lose_the_lease)
    ended = engine.run(_executor(engine, handler), "w", job.id)

    assert ended is None
    stored = engine.stored(job.id)
    assert (stored.status, stored.attempt, stored.retries) == (JobStatus.RUNNING, 2, 0)


def test_only_unavailable_is_transient() -> None:
    assert RetryPolicy.is_transient(Unavailable("no space left on the disk (ENOSPC); retry later"))
    assert not RetryPolicy.is_transient(InvalidInput("bad"))
    assert not RetryPolicy.is_transient(Conflict("clash"))
    assert not RetryPolicy.is_transient(OSError("untranslated"))


def test_the_delays_double_up_to_the_longest_with_up_to_half_of_each_as_jitter() -> None:
    lowest = RetryPolicy(first_delay_seconds=1, max_delay_seconds=10, uniform=lambda: 0.0)
    highest = RetryPolicy(first_delay_seconds=1, max_delay_seconds=10, uniform=lambda: 1.0)

    assert [lowest.delay_seconds(retry) for retry in range(1, 7)] == [0.5, 1, 2, 4, 5, 5]
    assert [highest.delay_seconds(retry) for retry in range(1, 7)] == [1, 2, 4, 8, 10, 10]
    assert RetryPolicy(max_retries=2).allows(2)
    assert not RetryPolicy(max_retries=2).allows(3)


@pytest.mark.parametrize(
    "values",
    [{"max_retries": -1}, {"first_delay_seconds": -1}, {"first_delay_seconds": 5, "max_delay_seconds": 1}],
)
def test_a_policy_refuses_impossible_values(values: dict[str, float]) -> None:
    with pytest.raises(InvalidInput):
        RetryPolicy(**values)  # type: ignore[arg-type]


def test_a_wait_before_a_retry_ends_when_the_attempt_is_told_to_stop() -> None:
    control = AttemptControl("job", 1)
    waiter = threading.Thread(target=control.pause, args=(3600,))
    waiter.start()

    control.cancel.set()
    waiter.join(timeout=60)

    assert not waiter.is_alive()


def test_a_runner_shutting_down_wakes_an_attempt_waiting_to_retry_and_hands_the_job_back() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", SUM_REQUEST)
    faulted = threading.Event()

    def fault_on_the_second_chunk(context: JobContext, chunk: int) -> None:
        if chunk == 2:
            faulted.set()
            raise Unavailable(FAULT)

    an_hour = RetryPolicy(max_retries=2, first_delay_seconds=7200, max_delay_seconds=7200)
    handler = SumOfSquaresHandler(before_report=fault_on_the_second_chunk)
    settings = RunnerSettings("w", 1, 60.0, heartbeat_seconds=30, poll_seconds=0.05)
    runner = InProcessJobRunner(
        engine.repository, _executor(engine, handler, an_hour), engine.clock, settings
    )
    runner.start()
    runner.submit(job.id)
    assert faulted.wait(60), "the handler never met its fault"

    runner.shutdown(60)  # the attempt is waiting up to an hour before its retry

    stored = engine.stored(job.id)
    assert (stored.status, stored.lease, stored.checkpoint) == (
        JobStatus.QUEUED,
        None,
        {"last_id": 3, "sum": 14},
    )
    assert runner.running_job_ids() == frozenset()
