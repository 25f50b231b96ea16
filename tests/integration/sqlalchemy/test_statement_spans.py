"""Every statement of an engine the service creates is a span of the trace it runs in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentelemetry import trace
from sqlalchemy import text

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.application.jobs.untraced import untraced
from tests.support.span_capture import captured_spans

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import ReadableSpan


def test_a_statement_is_a_child_span_of_the_operation_that_runs_it(database_url: str) -> None:
    engine = create_database_engine(database_url)
    try:
        with captured_spans() as spans:
            with (
                trace.get_tracer(__name__).start_as_current_span("operation") as operation,
                engine.connect() as connection,
            ):
                connection.execute(text("SELECT 42"))
            with untraced(), engine.connect() as connection:
                connection.execute(text("SELECT 43"))
    finally:
        engine.dispose()

    statements = [span for span in spans.get_finished_spans() if _is_sql(span)]
    assert [span.attributes and span.attributes.get("db.statement") for span in statements] == ["SELECT 42"]
    parent = statements[0].parent
    assert parent is not None
    assert parent.span_id == operation.get_span_context().span_id
    assert statements[0].context is not None
    assert statements[0].context.trace_id == operation.get_span_context().trace_id


def _is_sql(span: ReadableSpan) -> bool:
    return span.attributes is not None and "db.system" in span.attributes
