"""A `spacetime worker` as operators see it: `celery -A ... inspect ping` finds it over the real Redis
broker, with SPACETIME_CELERY_TASK_EVENTS it sends the events Flower shows, and a job it runs joins the
trace of the code that submitted it, in spans it prints with OTEL_TRACES_EXPORTER=console and in log
lines that carry the trace id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from typing import TYPE_CHECKING, Any

import pytest
from opentelemetry import trace

from spacetime_service.adapters.celery.job_runner import CeleryJobRunner
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.adapters.system.id_generator import UuidIdGenerator
from spacetime_service.application.jobs.attempt_span import ATTEMPT_SPAN
from spacetime_service.application.jobs.chunk_telemetry import CHUNK_SPAN
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.console_spans import printed_spans
from tests.support.jobs.celery_workers import REPOSITORY_ROOT, WorkerConfig, WorkerProcess
from tests.support.jobs.handlers import SumOfSquaresHandler
from tests.support.span_capture import captured_spans
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy import Engine

pytestmark = [pytest.mark.redis, pytest.mark.slow]

OPERATOR_APP = "spacetime_service.entrypoints.worker.celery_app"
WORKER_ID = "operated"


@pytest.fixture
def worker(sqlite_engine: Engine, redis_url: str, queue: str, tmp_path: Path) -> Iterator[WorkerProcess]:
    config = WorkerConfig(
        database_url=sqlite_engine.url.render_as_string(hide_password=False),
        broker_url=redis_url,
        queue=queue,
        workdir=tmp_path,
        poll_seconds=0.2,
        extra_environment=(
            ("OTEL_TRACES_EXPORTER", "console"),
            ("OTEL_SERVICE_NAME", "spacetime-worker"),
            ("SPACETIME_LOG_FORMAT", "json"),
            ("SPACETIME_CELERY_TASK_EVENTS", "true"),
        ),
    )
    process = WorkerProcess(config, WORKER_ID, pool="solo")
    process.wait_until_ready()
    yield process
    process.kill()


def test_celery_s_own_inspect_command_finds_the_worker(
    worker: WorkerProcess, redis_url: str, queue: str, tmp_path: Path
) -> None:
    environment = {
        **os.environ,
        "PYTHONPATH": str(REPOSITORY_ROOT),
        "SPACETIME_BROKER_URL": redis_url,
        "SPACETIME_JOB_QUEUE": queue,
    }
    command = [sys.executable, "-m", "celery", "-A", OPERATOR_APP, "inspect", "ping"]
    destination = ["--destination", f"spacetime@{WORKER_ID}", "--timeout", "10", "--json"]

    answer = subprocess.run(
        [*command, *destination], check=False, cwd=tmp_path, env=environment, capture_output=True, timeout=120
    )

    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout) == {f"spacetime@{WORKER_ID}": {"ok": "pong"}}


def test_a_job_run_by_the_worker_joins_the_submitter_s_trace(
    worker: WorkerProcess, sqlite_engine: Engine, celery_app: Any
) -> None:
    repository = SqlAlchemyJobRepository(sqlite_engine)
    runner = CeleryJobRunner(celery_app, repository, SystemClock(), RunnerSettings("api"))
    submit = SubmitJob(repository, runner, SystemClock(), UuidIdGenerator(), {SumOfSquaresHandler.kind})
    with captured_spans(), trace.get_tracer(__name__).start_as_current_span("submit") as submitting:
        command = SubmitJobCommand(SumOfSquaresHandler.kind, "alice", {"n": 10, "chunk": 3})
        job = submit.execute(command).job
    context = submitting.get_span_context()
    trace_id, span_id = format(context.trace_id, "032x"), format(context.span_id, "016x")

    def printed_attempt() -> list[Any] | None:
        # The attempt's span ends after the job's end is written, and is printed as it ends.
        spans = printed_spans(worker.log_path.read_text(errors="replace"))
        return spans if any(span.name == ATTEMPT_SPAN for span in spans) else None

    spans = wait_until(printed_attempt, "the attempt's span in the worker's output", seconds=120)
    ended = repository.get(job.id)
    assert ended is not None
    assert ended.status is JobStatus.SUCCEEDED
    [attempt] = [span for span in spans if span.name == ATTEMPT_SPAN]
    assert (attempt.trace_id, attempt.parent_id) == (trace_id, span_id)
    assert attempt.attributes["spacetime.job.id"] == job.id
    chunks = [span for span in spans if span.name == CHUNK_SPAN]
    assert len(chunks) == 4
    assert {(span.trace_id, span.parent_id) for span in chunks} == {(trace_id, attempt.span_id)}
    sql = [span for span in spans if "db.system" in span.attributes and span.trace_id == trace_id]
    assert sql  # the worker's statements of the attempt are in the same trace
    logged = [json.loads(line) for line in worker.log_path.read_text().splitlines() if line.startswith('{"')]
    [claimed] = [line for line in logged if line["event"] == "job.claimed" and line["job_id"] == job.id]
    assert (claimed["trace_id"], claimed["span_id"]) == (trace_id, attempt.span_id)


def test_with_task_events_on_the_worker_reports_its_tasks(
    worker: WorkerProcess, sqlite_engine: Engine, celery_app: Any
) -> None:
    repository = SqlAlchemyJobRepository(sqlite_engine)
    runner = CeleryJobRunner(celery_app, repository, SystemClock(), RunnerSettings("api"))
    submit = SubmitJob(repository, runner, SystemClock(), UuidIdGenerator(), {SumOfSquaresHandler.kind})
    seen: list[str] = []
    with celery_app.connection_for_read() as connection:
        receiver = celery_app.events.Receiver(
            connection, handlers={"*": lambda event: seen.append(event["type"])}
        )
        # wakeup asks the workers for a heartbeat at once, which shows that the receiver is listening.
        listening = threading.Thread(target=receiver.capture, kwargs={"wakeup": True}, daemon=True)
        listening.start()
        try:
            wait_until(lambda: "worker-heartbeat" in seen or None, "a heartbeat event", seconds=60)
            submit.execute(SubmitJobCommand(SumOfSquaresHandler.kind, "alice", {"n": 4, "chunk": 2}))
            wait_until(lambda: "task-succeeded" in seen or None, "a task-succeeded event", seconds=120)
        finally:
            receiver.should_stop = True
            listening.join(30)  # it stops at the next event; heartbeats come every few seconds

    assert {"task-received", "task-started", "task-succeeded"} <= set(seen)
