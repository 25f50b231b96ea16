"""One trace across two processes: `POST /reports/generate` with a `traceparent` header to a real uvicorn
whose job runner is Celery, and the job's attempt, chunks and SQL in a real `spacetime worker` on the
real Redis, as both print their spans with OTEL_TRACES_EXPORTER=console. And a worker killed with
SIGKILL after a chunk has committed: the attempt that resumes the job in a new worker stays in the
request's trace and links to the killed attempt (docs/observability.md: children vs links)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.application.jobs.attempt_span import ATTEMPT_SPAN
from spacetime_service.application.jobs.chunk_telemetry import CHECKPOINT_SPAN, CHUNK_SPAN
from spacetime_service.application.jobs.trace_context import span_context_from
from tests.support.celery_deployment import SpacetimeWorker, celery_api, runner_environment
from tests.support.console_spans import PrintedSpan, printed_spans
from tests.support.job_waiting import wait_for_end
from tests.support.jobs.celery_runner import celery_queue
from tests.support.seed import seed
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from pathlib import Path

pytestmark = [pytest.mark.redis, pytest.mark.slow]

CALLER_SPAN_ID = "00f067aa0ba902b7"
# 74 days: three chunks of at most 31 days (the report handler's cut).
SHORT_REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-03-15"}
# 3,648 days (a report covers at most 3,660), 118 chunks: a chunk commits while many are still to come.
LONG_REPORT = {"kind": "daily_stats", "start_date": "2015-03-20", "end_date": "2025-03-15"}
CHUNK_DAYS = 31


@pytest.fixture
def deployment(tmp_path: Path, redis_url: str) -> Iterator[tuple[str, dict[str, str]]]:
    """A seeded database and the environment the API and its workers share (a queue of their own)."""
    url = f"sqlite:///{tmp_path / 'traces.db'}"
    seed(url, product_count=20, order_count=2_000)
    with celery_queue(redis_url) as queue:
        environment = runner_environment(
            redis_url,
            queue,
            OTEL_TRACES_EXPORTER="console",
            SPACETIME_LOG_FORMAT="json",
            SPACETIME_POLL_SECONDS="0.2",
            SPACETIME_LEASE_SECONDS="3",
            SPACETIME_HEARTBEAT_SECONDS="0.5",
        )
        yield url, environment


def _traceparent(trace_id: str) -> dict[str, str]:
    return {"traceparent": f"00-{trace_id}-{CALLER_SPAN_ID}-01"}


def _of_trace(outputs: Iterable[str], trace_id: str) -> list[PrintedSpan]:
    return [span for output in outputs for span in printed_spans(output) if span.trace_id == trace_id]


def _descends_from(span: PrintedSpan, ancestor_id: str, by_id: dict[str, PrintedSpan]) -> bool:
    parent = span.parent_id
    while parent is not None and parent != ancestor_id:
        parent = by_id[parent].parent_id if parent in by_id else None
    return parent == ancestor_id


def trace_table(spans: Iterable[PrintedSpan]) -> str:
    """The spans as a table: name, span id, parent id, trace id (first 8), links (span ids)."""
    rows = [("span", "span id", "parent id", "trace", "links")]
    rows += [
        (
            span.name.split(" ")[0] if "db.system" in span.attributes else span.name,  # no file path
            span.span_id,
            span.parent_id or "-",
            span.trace_id[:8],
            ",".join(linked for _, linked in span.links) or "-",
        )
        for span in spans
    ]
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)) for row in rows
    )


def test_a_report_run_by_a_celery_worker_is_one_trace_with_its_request(
    deployment: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    trace_id = "4bf92f3577b34da6a3ce929d0e0e4736"
    url, environment = deployment
    worker = SpacetimeWorker(url, tmp_path, "traced", environment)
    try:
        with (
            celery_api(url, tmp_path, environment) as api,
            httpx.Client(base_url=api.base_url, timeout=30) as client,
        ):
            submitted = client.post("/reports/generate", json=SHORT_REPORT, headers=_traceparent(trace_id))
            assert submitted.status_code == 202, submitted.text
            job_id = submitted.json()["id"]
            assert wait_for_end(client, job_id)["status"] == "succeeded"
            api.stop()  # every span is printed once the processes have ended
            api_output = api.log()
    finally:
        assert worker.stop() == 0
    worker_output = worker.log()

    api_spans = _of_trace([api_output], trace_id)
    worker_spans = _of_trace([worker_output], trace_id)
    spans = api_spans + worker_spans
    by_id = {span.span_id: span for span in spans}
    [request] = [span for span in api_spans if span.parent_id == CALLER_SPAN_ID]
    [attempt] = [span for span in worker_spans if span.name == ATTEMPT_SPAN]
    chunks = [span for span in worker_spans if span.name == CHUNK_SPAN]
    checkpoints = [span for span in worker_spans if span.name == CHECKPOINT_SPAN]
    sql = [span for span in worker_spans if "db.system" in span.attributes]
    print(f"\nthe trace of job {job_id}:\n{trace_table([request, attempt, *chunks, *checkpoints, *sql])}")

    assert request.name.startswith("POST /reports/generate")
    assert not any(span.name == ATTEMPT_SPAN for span in api_spans)  # the worker ran it, not the API
    assert _descends_from(attempt, request.span_id, by_id)  # the API's span the job was submitted in
    assert attempt.parent_id in {span.span_id for span in api_spans}
    assert attempt.links == ()
    assert (attempt.attributes["spacetime.job.id"], attempt.attributes["spacetime.job.attempt"]) == (
        job_id,
        1,
    )
    assert attempt.attributes["spacetime.job.status"] == "succeeded"
    assert len(chunks) == 3
    assert {chunk.parent_id for chunk in chunks} == {attempt.span_id}
    assert [chunk.attributes["spacetime.chunk.index"] for chunk in chunks] == [1, 2, 3]
    assert {span.parent_id for span in checkpoints} == {chunk.span_id for chunk in chunks}
    assert {span.attributes["db.system"] for span in sql} == {"sqlite"}
    inside_the_job = {attempt.span_id, *(span.span_id for span in chunks + checkpoints)}
    assert {span.parent_id for span in sql} <= inside_the_job
    assert any(span.parent_id == attempt.span_id for span in sql)  # the report's reads
    assert any(span.parent_id in inside_the_job - {attempt.span_id} for span in sql)  # checkpoint writes


def test_the_attempt_that_resumes_a_killed_worker_s_job_links_to_the_killed_attempt(
    deployment: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    trace_id = "5ce0e9a56015fec5aadfa328ae398115"
    url, environment = deployment
    engine = create_database_engine(url)
    repository = SqlAlchemyJobRepository(engine)
    doomed = SpacetimeWorker(url, tmp_path, "doomed", environment)
    try:
        with (
            celery_api(url, tmp_path, environment) as api,
            httpx.Client(base_url=api.base_url, timeout=30) as client,
        ):
            submitted = client.post("/reports/generate", json=LONG_REPORT, headers=_traceparent(trace_id))
            assert submitted.status_code == 202, submitted.text
            job_id = submitted.json()["id"]

            def chunk_committed() -> bool | None:
                job = client.get(f"/jobs/{job_id}").json()
                assert job["status"] in {"queued", "running"}, job
                return job["progress"]["done"] >= CHUNK_DAYS or None

            wait_until(chunk_committed, "the first chunk's commit", seconds=60, every=0.02)
            doomed.freeze()  # what the record shows now is what the kill leaves behind
            stranded = repository.get(job_id)
            assert stranded is not None
            assert stranded.lease is not None
            assert (stranded.status.value, stranded.attempt, stranded.lease.holder) == (
                "running",
                1,
                "doomed",
            )
            assert CHUNK_DAYS <= stranded.progress.done < (stranded.progress.total or 0)
            killed_attempt = span_context_from(stranded.attempt_trace_parent)
            assert killed_attempt is not None
            doomed.kill()

            survivor = SpacetimeWorker(url, tmp_path, "survivor", environment)
            try:
                ended = wait_for_end(client, job_id)
            finally:
                assert survivor.stop() == 0
            api.stop()
            api_output = api.log()
    finally:
        doomed.kill()
        engine.dispose()
    assert (ended["status"], ended["attempt"]) == ("succeeded", 2)

    killed_id = format(killed_attempt.span_id, "016x")
    assert format(killed_attempt.trace_id, "032x") == trace_id
    killed_spans = _of_trace([doomed.log()], trace_id)
    resumed_spans = _of_trace([survivor.log()], trace_id)
    api_spans = _of_trace([api_output], trace_id)
    by_id = {span.span_id: span for span in api_spans + killed_spans + resumed_spans}
    [request] = [span for span in api_spans if span.parent_id == CALLER_SPAN_ID]
    # The killed attempt's span never ended, so it was never printed; its chunks that committed were.
    assert not any(span.name == ATTEMPT_SPAN for span in killed_spans)
    killed_chunks = [span for span in killed_spans if span.name == CHUNK_SPAN]
    assert killed_chunks
    assert {span.parent_id for span in killed_chunks} == {killed_id}
    [resumed] = [span for span in resumed_spans if span.name == ATTEMPT_SPAN]
    resumed_chunks = [span for span in resumed_spans if span.name == CHUNK_SPAN]
    print(
        f"\nthe trace of job {job_id} across a killed worker:\n"
        f"{trace_table([request, *killed_chunks[:2], resumed, *resumed_chunks[:2]])}"
    )

    assert resumed.links == ((trace_id, killed_id),)  # continues the killed attempt ...
    assert resumed.parent_id != killed_id  # ... without being nested in it
    assert _descends_from(resumed, request.span_id, by_id)  # and both sit in the request's trace
    assert resumed.attributes["spacetime.job.attempt"] == 2
    assert resumed.attributes["spacetime.job.status"] == "succeeded"
    assert resumed_chunks
    assert {span.parent_id for span in resumed_chunks} == {resumed.span_id}
    assert resumed_chunks[0].attributes["spacetime.chunk.start"] == stranded.progress.done
