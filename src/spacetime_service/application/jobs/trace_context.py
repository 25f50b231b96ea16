"""A job's trace contexts as stored on its record: W3C `traceparent` strings.

The W3C propagator is used by name, not the process's configured one (OTEL_PROPAGATORS), because the
record's columns hold W3C traceparents whatever a deployment propagates over HTTP.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentelemetry import trace
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

if TYPE_CHECKING:
    from opentelemetry.context import Context
    from opentelemetry.trace import Span, SpanContext

_W3C = TraceContextTextMapPropagator()
_HEADER = "traceparent"


def current_trace_parent() -> str | None:
    """The traceparent of the span active on this thread (the request's, over HTTP), or None."""
    return trace_parent_of(trace.get_current_span())


def trace_parent_of(span: Span) -> str | None:
    """`span`'s traceparent, or None when it has no valid context (no tracer provider installed)."""
    if not span.get_span_context().is_valid:
        return None
    carrier: dict[str, str] = {}
    _W3C.inject(carrier, context=trace.set_span_in_context(span))
    return carrier.get(_HEADER)


def context_from(trace_parent: str | None) -> Context | None:
    """A context whose (remote) parent is `trace_parent`; None when it is absent or malformed."""
    if trace_parent is None:
        return None
    context = _W3C.extract({_HEADER: trace_parent})
    return context if trace.get_current_span(context).get_span_context().is_valid else None


def span_context_from(trace_parent: str | None) -> SpanContext | None:
    """The span context `trace_parent` names, for a link; None when it is absent or malformed."""
    context = context_from(trace_parent)
    return None if context is None else trace.get_current_span(context).get_span_context()
