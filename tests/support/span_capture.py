"""Spans of this test process, caught with the SDK's own InMemorySpanExporter.

A process has one tracer provider. The first test that needs spans installs the service's own
(bootstrap's configure_tracing, unless an app built earlier did) and adds one processor to it that
hands finished spans to the exporter of the test running now, and to nothing between such tests.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING

from opentelemetry.sdk.trace import ReadableSpan, SpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from spacetime_service.bootstrap.observability_settings import ObservabilitySettings
from spacetime_service.bootstrap.telemetry import configure_tracing

if TYPE_CHECKING:
    from collections.abc import Iterator


class _ToCurrentTest(SpanProcessor):
    def __init__(self) -> None:
        self.exporter: InMemorySpanExporter | None = None
        self._lock = threading.Lock()

    def on_end(self, span: ReadableSpan) -> None:
        with self._lock:
            exporter = self.exporter
        if exporter is not None:
            exporter.export([span])


_processor: _ToCurrentTest | None = None


@contextmanager
def captured_spans() -> Iterator[InMemorySpanExporter]:
    """The spans that end while the block runs (in any thread of this process)."""
    global _processor  # noqa: PLW0603 - one processor per process, as there is one provider
    if _processor is None:
        _processor = _ToCurrentTest()
        # No exporter of the environment's: a developer's OTEL_TRACES_EXPORTER has no place in a test run.
        quiet = ObservabilitySettings(_env_file=None, OTEL_TRACES_EXPORTER="none")
        configure_tracing(quiet).add_span_processor(_processor)
    exporter = InMemorySpanExporter()
    _processor.exporter = exporter
    try:
        yield exporter
    finally:
        _processor.exporter = None


def named(exporter: InMemorySpanExporter, name: str) -> list[ReadableSpan]:
    return [span for span in exporter.get_finished_spans() if span.name == name]
