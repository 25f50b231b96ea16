"""One trace from the request that submits a job to the job's attempt, its chunks and their SQL, as a
real server prints it with OTEL_TRACES_EXPORTER=console; and log lines that carry the same ids."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.application.jobs.attempt_span import ATTEMPT_SPAN
from spacetime_service.application.jobs.chunk_telemetry import CHECKPOINT_SPAN, CHUNK_SPAN
from tests.support.access import api_key, bearer
from tests.support.console_spans import PrintedSpan, printed_spans
from tests.support.job_waiting import wait_for_end
from tests.support.seed import seed
from tests.support.uvicorn_server import UvicornServer

if TYPE_CHECKING:
    from collections.abc import Iterator

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN_ID = "00f067aa0ba902b7"
# 74 days: three chunks of at most 31 days (the report handler's cut).
REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-03-15"}
DAYS = 74


@pytest.fixture(scope="module")
def traced_run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """A report job submitted with a traceparent header; its id and the server's output once it ended."""
    workdir = tmp_path_factory.mktemp("traces")
    url = f"sqlite:///{workdir / 'traces.db'}"
    seed(url, product_count=20, order_count=2_000)
    engine = create_database_engine(url)
    key = api_key(engine, "tracer")
    engine.dispose()
    env = {
        "OTEL_TRACES_EXPORTER": "console",
        "SPACETIME_POLL_SECONDS": "0.2",
    }
    with (
        UvicornServer(url, workdir, env) as server,
        httpx.Client(base_url=server.base_url, headers=bearer(key), timeout=30.0) as client,
    ):
        traceparent = {"traceparent": f"00-{TRACE_ID}-{CALLER_SPAN_ID}-01"}
        submitted = client.post("/reports/generate", json=REPORT, headers=traceparent)
        assert submitted.status_code == 202, submitted.text
        job_id = submitted.json()["id"]
        assert wait_for_end(client, job_id)["status"] == "succeeded"
        server.stop()  # every span and line is written once the process has ended
        yield job_id, server.log()


def _spans(traced_run: tuple[str, str]) -> list[PrintedSpan]:
    return [span for span in printed_spans(traced_run[1]) if span.trace_id == TRACE_ID]


def _log_lines(traced_run: tuple[str, str]) -> list[dict[str, Any]]:
    return [json.loads(line) for line in traced_run[1].splitlines() if line.startswith('{"')]


def test_the_attempt_and_its_chunks_join_the_submitting_request_s_trace(traced_run: tuple[str, str]) -> None:
    job_id, _ = traced_run
    spans = _spans(traced_run)
    by_id = {span.span_id: span for span in spans}
    [request] = [span for span in spans if span.parent_id == CALLER_SPAN_ID]
    [attempt] = [span for span in spans if span.name == ATTEMPT_SPAN]
    chunks = [span for span in spans if span.name == CHUNK_SPAN]

    assert request.name.startswith("POST /reports/generate")
    ancestor = attempt.parent_id
    while ancestor is not None and ancestor != request.span_id:
        ancestor = by_id[ancestor].parent_id if ancestor in by_id else None
    assert ancestor == request.span_id  # the attempt descends from the request (through its handler)
    assert attempt.attributes == {
        "spacetime.job.id": job_id,
        "spacetime.job.kind": "report",
        "spacetime.job.attempt": 1,
        "spacetime.job.owner": "tracer",
        "spacetime.job.status": "succeeded",
    }
    assert len(chunks) == 3
    assert {chunk.parent_id for chunk in chunks} == {attempt.span_id}
    bounds = [
        (chunk.attributes["spacetime.chunk.start"], chunk.attributes["spacetime.chunk.end"])
        for chunk in chunks
    ]
    assert [start for start, _ in bounds] == [0, *(end for _, end in bounds[:-1])]
    assert bounds[-1][1] == DAYS
    assert all(chunk.attributes["spacetime.chunk.bytes"] > 0 for chunk in chunks)
    assert all(chunk.attributes["spacetime.chunk.unit"] == "days" for chunk in chunks)
    checkpoints = [span for span in spans if span.name == CHECKPOINT_SPAN]
    assert {span.parent_id for span in checkpoints} == {chunk.span_id for chunk in chunks}


def test_the_statements_of_the_job_are_spans_of_the_same_trace(traced_run: tuple[str, str]) -> None:
    spans = _spans(traced_run)
    [attempt] = [span for span in spans if span.name == ATTEMPT_SPAN]
    sql = [span for span in spans if "db.system" in span.attributes]
    inside_the_job = {
        span.span_id for span in spans if span.name in {ATTEMPT_SPAN, CHUNK_SPAN, CHECKPOINT_SPAN}
    }

    assert {"sqlite"} == {span.attributes["db.system"] for span in sql}
    assert any(span.parent_id == attempt.span_id for span in sql)  # the report's reads
    assert any(span.parent_id in inside_the_job - {attempt.span_id} for span in sql)  # the checkpoint writes


def test_log_lines_of_the_request_and_of_the_job_carry_the_trace(traced_run: tuple[str, str]) -> None:
    job_id, _ = traced_run
    lines = _log_lines(traced_run)
    spans = _spans(traced_run)
    [attempt] = [span for span in spans if span.name == ATTEMPT_SPAN]
    of_the_job = {line["event"]: line for line in lines if line.get("job_id") == job_id}

    assert {"job.submitted", "job.claimed", "job.checkpointed", "job.succeeded"} <= set(of_the_job)
    assert of_the_job["job.submitted"]["trace_id"] == TRACE_ID
    assert of_the_job["job.submitted"]["span_id"] in {span.span_id for span in spans}
    assert (of_the_job["job.claimed"]["trace_id"], of_the_job["job.claimed"]["span_id"]) == (
        TRACE_ID,
        attempt.span_id,
    )
    [request_line] = [
        line for line in lines if line.get("event") == "request" and line.get("method") == "POST"
    ]
    assert request_line["trace_id"] == TRACE_ID
