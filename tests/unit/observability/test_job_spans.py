"""The spans of a job's attempts and chunks: in the trace of the request that submitted it, with the
job's names on them, and each resumed attempt linked to the one before it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from opentelemetry import trace

from spacetime_service.application.jobs.attempt_span import ATTEMPT_SPAN
from spacetime_service.application.jobs.chunk_telemetry import CHECKPOINT_SPAN, CHUNK_SPAN
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.engine import LEASE_SECONDS, Engine
from tests.support.jobs.handlers import FailingHandler, SimulatedCrash, SumOfSquaresHandler
from tests.support.span_capture import captured_spans, named

if TYPE_CHECKING:
    from collections.abc import Iterator

    from opentelemetry.sdk.trace import ReadableSpan
    from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
    from opentelemetry.trace import Span

    from spacetime_service.domain.jobs.json_value import JsonObject

REQUEST: JsonObject = {"n": 10, "chunk": 3}


@pytest.fixture
def spans() -> Iterator[InMemorySpanExporter]:
    with captured_spans() as exporter:
        yield exporter


def _submitted_in_a_request(engine: Engine, kind: str, request: JsonObject) -> tuple[str, Span]:
    with trace.get_tracer(__name__).start_as_current_span("POST /reports/generate") as span:
        job = engine.submit(kind, request)
    return job.id, span


def _id(span: ReadableSpan | Span) -> tuple[int, int]:
    context = span.get_span_context()
    assert context is not None
    return context.trace_id, context.span_id


def test_the_attempt_is_a_child_of_the_submitting_request_and_the_chunks_of_the_attempt(
    spans: InMemorySpanExporter,
) -> None:
    engine = Engine()
    job_id, request_span = _submitted_in_a_request(engine, "sum_of_squares", REQUEST)

    engine.run(engine.executor(SumOfSquaresHandler()), "worker-a", job_id)

    [attempt] = named(spans, ATTEMPT_SPAN)
    trace_id, request_span_id = _id(request_span)
    assert attempt.parent is not None
    assert (attempt.parent.trace_id, attempt.parent.span_id) == (trace_id, request_span_id)
    assert dict(attempt.attributes or {}) == {
        "spacetime.job.id": job_id,
        "spacetime.job.kind": "sum_of_squares",
        "spacetime.job.attempt": 1,
        "spacetime.job.owner": "alice",
        "spacetime.job.status": "succeeded",
    }
    chunks = named(spans, CHUNK_SPAN)
    bounds = [
        (c.attributes["spacetime.chunk.start"], c.attributes["spacetime.chunk.end"])
        for c in chunks
        if c.attributes
    ]
    assert bounds == [(0, 3), (3, 6), (6, 9), (9, 10)]
    assert all(chunk.parent is not None and chunk.parent.span_id == _id(attempt)[1] for chunk in chunks)
    first = dict(chunks[0].attributes or {})
    assert first["spacetime.chunk.rows"] == 3
    assert first["spacetime.chunk.unit"] == "rows"
    assert (first["spacetime.job.id"], first["spacetime.job.kind"], first["spacetime.job.attempt"]) == (
        job_id,
        "sum_of_squares",
        1,
    )
    assert "spacetime.chunk.bytes" in first
    checkpoints = named(spans, CHECKPOINT_SPAN)
    assert len(checkpoints) == len(chunks)
    assert {c.parent.span_id for c in checkpoints if c.parent} == {_id(chunk)[1] for chunk in chunks}
    assert {_id(span)[0] for span in [*chunks, *checkpoints]} == {trace_id}


def test_a_resumed_attempt_links_to_the_attempt_before_it(spans: InMemorySpanExporter) -> None:
    engine = Engine()
    job_id, request_span = _submitted_in_a_request(engine, "sum_of_squares", {"n": 20, "chunk": 3})
    with pytest.raises(SimulatedCrash):
        engine.run(engine.executor(SumOfSquaresHandler(crash_after=2)), "worker-a", job_id)
    engine.clock.advance(LEASE_SECONDS)

    finished = engine.run(engine.executor(SumOfSquaresHandler()), "worker-b", job_id)

    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    first, second = named(spans, ATTEMPT_SPAN)
    assert (first.attributes or {})["spacetime.job.attempt"] == 1
    assert (second.attributes or {})["spacetime.job.attempt"] == 2
    assert first.links == ()
    [link] = second.links
    assert (link.context.trace_id, link.context.span_id) == _id(first)
    assert second.parent is not None
    assert second.parent.span_id == _id(request_span)[1]  # still in the request's trace


def test_a_job_submitted_outside_a_trace_starts_a_trace_of_its_own(spans: InMemorySpanExporter) -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", REQUEST)

    engine.run(engine.executor(SumOfSquaresHandler()), "worker-a", job.id)

    assert job.trace_parent is None
    [attempt] = named(spans, ATTEMPT_SPAN)
    assert attempt.parent is None
    assert engine.stored(job.id).attempt_trace_parent is not None


def test_a_failed_job_marks_its_attempt_as_an_error(spans: InMemorySpanExporter) -> None:
    engine = Engine()
    job_id, _ = _submitted_in_a_request(engine, "failing", {})

    engine.run(engine.executor(FailingHandler()), "worker-a", job_id)

    [attempt] = named(spans, ATTEMPT_SPAN)
    assert attempt.status.status_code is trace.StatusCode.ERROR
    assert attempt.status.description == "the input table is empty"
