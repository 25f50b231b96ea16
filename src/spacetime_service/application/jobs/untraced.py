"""Work that should leave no trace: the runners' polls (claims, heartbeats, sweeps).

Every SQL statement is a span, and a poll every few seconds outside any request or attempt would
start a trace of its own each time, burying the traces that matter. Instrumentations skip their spans
while the context carries the API's suppression key, which is what this sets.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from opentelemetry import context

if TYPE_CHECKING:
    from collections.abc import Iterator

# The key every OpenTelemetry instrumentation reads; the API defines it, under a private name only.
_SUPPRESS_INSTRUMENTATION_KEY = context._SUPPRESS_INSTRUMENTATION_KEY


@contextmanager
def untraced() -> Iterator[None]:
    """Within the block, on this thread, instrumentations (SQL, HTTP clients) record no spans."""
    token = context.attach(context.set_value(_SUPPRESS_INSTRUMENTATION_KEY, True))
    try:
        yield
    finally:
        context.detach(token)
