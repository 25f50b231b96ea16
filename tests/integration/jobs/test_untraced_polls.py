"""The in-process runner's polls leave no trace: the SQL spans of a run are those of the submission and
of the attempt, in the submission's trace; the claims and the heartbeats start no trace of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentelemetry import trace

from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.adapters.system.id_generator import UuidIdGenerator
from spacetime_service.application.jobs.attempt_span import ATTEMPT_SPAN
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.in_process_runner import InProcessJobRunner
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from tests.support.jobs.handlers import SumOfSquaresHandler
from tests.support.jobs.sql_databases import job_database
from tests.support.span_capture import captured_spans, named
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    import pytest


def test_the_polls_start_no_trace_of_their_own(request: pytest.FixtureRequest) -> None:
    with job_database(request, "sqlite") as engine, captured_spans() as spans:
        repository = SqlAlchemyJobRepository(engine)
        clock = SystemClock()
        executor = JobExecutor(repository, {SumOfSquaresHandler.kind: SumOfSquaresHandler()}, clock)
        settings = RunnerSettings("poller", lease_seconds=2.0, heartbeat_seconds=0.1, poll_seconds=0.05)
        runner = InProcessJobRunner(repository, executor, clock, settings)
        submit = SubmitJob(repository, runner, clock, UuidIdGenerator(), {SumOfSquaresHandler.kind})
        runner.start()
        try:
            with trace.get_tracer(__name__).start_as_current_span("submit"):
                command = SubmitJobCommand(SumOfSquaresHandler.kind, "alice", {"n": 9, "chunk": 3})
                job = submit.execute(command).job
            wait_until(lambda: named(spans, ATTEMPT_SPAN) or None, "the attempt's span", seconds=60)
        finally:
            runner.shutdown(10.0)

    [attempt] = named(spans, ATTEMPT_SPAN)
    assert attempt.context is not None
    assert (attempt.attributes or {})["spacetime.job.id"] == job.id
    statements = [span for span in spans.get_finished_spans() if "db.system" in (span.attributes or {})]
    assert len(statements) > 1
    # The submission's and the attempt's statements: all in the one trace the submission started.
    assert {span.context.trace_id for span in statements if span.context} == {attempt.context.trace_id}
