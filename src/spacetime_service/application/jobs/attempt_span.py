"""The span of one attempt of a job: a child of the request that submitted the job, linked to the
attempt before it (docs/observability.md says why).

Whichever runner claimed the job, the claimed record carries both trace contexts: the submitting
request's (`trace_parent`) and the previous attempt's (`attempt_trace_parent`). The attempt stores its
own context on the record as it starts, so that an attempt resumed after a crash links back to it.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import structlog
from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.trace import Link, StatusCode

from spacetime_service.application.jobs.trace_context import context_from, span_context_from, trace_parent_of
from spacetime_service.domain.errors import DomainError
from spacetime_service.domain.jobs.status import JobStatus

if TYPE_CHECKING:
    from collections.abc import Iterator

    from opentelemetry.trace import Span
    from opentelemetry.util.types import Attributes

    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job

ATTEMPT_SPAN = "job.attempt"
_tracer = trace.get_tracer("spacetime_service.jobs")
_log = structlog.get_logger(__name__)


def job_attributes(job: Job) -> dict[str, str | int]:
    """What names the job on each of its spans."""
    return {
        "spacetime.job.id": job.id,
        "spacetime.job.kind": job.kind,
        "spacetime.job.attempt": job.attempt,
    }


@contextmanager
def attempt_span(job: Job, repository: JobRepository) -> Iterator[Span]:
    """The current span while the attempt of claimed `job` runs. Without a submitting request's
    context (an older job, or one submitted outside any trace) the attempt starts a trace of its own."""
    previous = span_context_from(job.attempt_trace_parent)
    links = [Link(previous, {"spacetime.link": "previous_attempt"})] if previous is not None else []
    attributes: Attributes = {**job_attributes(job), "spacetime.job.owner": job.owner}
    # An empty Context, not the thread's: an attempt never nests in whatever happens to be current.
    parent = context_from(job.trace_parent) or Context()
    with _tracer.start_as_current_span(
        ATTEMPT_SPAN, context=parent, links=links, attributes=attributes
    ) as span:
        _remember(job, repository, span)
        yield span


def record_ending(span: Span, ended: Job | None) -> None:
    """Puts how the attempt left the job on its span; a failed job marks the span as an error."""
    if ended is None:
        span.set_attribute("spacetime.job.status", "fenced")
        return
    span.set_attribute("spacetime.job.status", ended.status.value)
    if ended.status is JobStatus.FAILED:
        span.set_status(StatusCode.ERROR, ended.error)


def _remember(job: Job, repository: JobRepository, span: Span) -> None:
    """Stores the attempt's context on the record. A store that is down only costs the next attempt
    its link: the attempt itself goes on, and meets the fault at its first real write."""
    trace_parent = trace_parent_of(span)
    if trace_parent is None:
        return
    try:
        repository.record_attempt_trace(job.id, job.attempt, trace_parent)
    except DomainError as error:
        _log.warning("job.trace_context_not_saved", job_id=job.id, attempt=job.attempt, error=error.detail)
