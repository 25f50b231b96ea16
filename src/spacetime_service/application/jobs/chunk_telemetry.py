"""A span and a log line for each chunk an attempt commits, from `JobContext`'s one commit path.

A chunk's work happens in the handler before it calls `commit`, and no call marks its start; so the
chunk's span is opened at the commit with the start time the previous commit (or the attempt's start)
left, and covers the chunk's work and its commit. The statements of the commit itself run inside it,
under a `job.checkpoint` span when the commit saves a checkpoint; those the handler ran to build the
chunk sit beside it under the attempt, inside its time range.
"""

from __future__ import annotations

import time
from contextlib import contextmanager
from typing import TYPE_CHECKING

import structlog
from opentelemetry import trace

from spacetime_service.application.jobs.attempt_span import job_attributes

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.domain.jobs.progress import Progress

CHUNK_SPAN = "job.chunk"
CHECKPOINT_SPAN = "job.checkpoint"
# The progress unit whose advance counts as rows.
_ROWS = "rows"
_tracer = trace.get_tracer("spacetime_service.jobs")
_log = structlog.get_logger(__name__)


class ChunkTelemetry:
    """Numbers the chunks of one attempt of `job` from 1 and knows where the last one ended."""

    def __init__(self, job: Job) -> None:
        self._job = job
        self._index = 0
        self._done = job.progress.done
        # Span times are the SDK's wall clock in nanoseconds, not the service's Clock port.
        self._started_ns = time.time_ns()

    @contextmanager
    def commit(self, progress: Progress, *, checkpointed: bool, bytes_processed: int = 0) -> Iterator[None]:
        """Around the chunk's commit: the body runs inside the chunk's span (and its checkpoint's)."""
        self._index += 1
        attributes: dict[str, str | int] = {
            **job_attributes(self._job),
            "spacetime.chunk.index": self._index,
            "spacetime.chunk.start": self._done,
            "spacetime.chunk.end": progress.done,
            "spacetime.chunk.unit": progress.unit,
            "spacetime.chunk.bytes": max(0, bytes_processed),
        }
        if progress.unit == _ROWS:
            attributes["spacetime.chunk.rows"] = max(0, progress.done - self._done)
        with _tracer.start_as_current_span(CHUNK_SPAN, start_time=self._started_ns, attributes=attributes):
            if checkpointed:
                with _tracer.start_as_current_span(CHECKPOINT_SPAN, attributes=job_attributes(self._job)):
                    yield
            else:
                yield
        if checkpointed:
            _log.info(
                "job.checkpointed",
                job_id=self._job.id,
                attempt=self._job.attempt,
                chunk=self._index,
                done=progress.done,
                unit=progress.unit,
            )
        self._done = progress.done
        self._started_ns = time.time_ns()
