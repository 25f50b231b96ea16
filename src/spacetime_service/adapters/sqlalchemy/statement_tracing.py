"""A span for every SQL statement an engine runs, through opentelemetry-instrumentation-sqlalchemy.

`SQLAlchemyInstrumentor().instrument(engine=...)` acts once per process (its instrumentor is a
singleton) and also patches `create_engine` globally; the service creates several engines (requests,
jobs, tests), so each one gets the instrumentation's own `EngineTracer` here, where it is created.
The tracer and meter come from the API's globals, which follow the provider bootstrap installs even
when that happens after the engine was made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from opentelemetry.instrumentation.sqlalchemy.engine import EngineTracer
from opentelemetry.instrumentation.sqlalchemy.version import __version__
from opentelemetry.metrics import get_meter
from opentelemetry.semconv.metrics import MetricInstruments
from opentelemetry.trace import get_tracer

if TYPE_CHECKING:
    from sqlalchemy import Engine

_SCOPE = "opentelemetry.instrumentation.sqlalchemy"


def trace_statements(engine: Engine) -> None:
    """Adds the instrumentation's event listeners to `engine` (they live as long as the engine)."""
    connections = get_meter(_SCOPE, __version__).create_up_down_counter(
        name=MetricInstruments.DB_CLIENT_CONNECTIONS_USAGE,
        unit="connections",
        description="The number of connections that are currently in the state its attribute names.",
    )
    EngineTracer(get_tracer(_SCOPE, __version__), engine, connections)  # type: ignore[no-untyped-call]
