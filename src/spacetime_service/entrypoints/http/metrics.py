"""Prometheus metrics over HTTP: request counts and durations by route template, and `/metrics`.

Under gunicorn with several workers, PROMETHEUS_MULTIPROC_DIR makes every worker write its samples to
files that `/metrics` aggregates, so a scrape sees the whole server and not one worker at random.
The memory gauges are read from the MemoryMonitor at scrape time, so they are those of the worker that
answers the scrape (labelled with its pid).
"""

import os
from collections.abc import Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as PROCESS_REGISTRY
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from spacetime_service.application.ports.memory_monitor import MemoryMonitor
from spacetime_service.domain.memory import MemoryPressure
from spacetime_service.entrypoints.http.response_watch import HttpMiddleware, ResponseWatch

REQUESTS = Counter("spacetime_http_requests_total", "HTTP requests answered", ("method", "route", "status"))
DURATION = Histogram(
    "spacetime_http_request_duration_seconds",
    "Time to the end of the response body (whole streams included)",
    ("method", "route"),
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)


class PrometheusMiddleware(HttpMiddleware):
    """Counts and times every HTTP request by method, route template and status."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        watch = ResponseWatch(send)
        try:
            await self._app(scope, receive, watch.send)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            REQUESTS.labels(scope["method"], route, str(watch.status)).inc()
            DURATION.labels(scope["method"], route).observe(watch.elapsed_seconds())


class MemoryCollector(Collector):
    """Gauges of the process's memory, read from the monitor on every scrape: used, peak and budget in
    bytes, and the pressure level (0 normal, 1 elevated, 2 high, 3 critical)."""

    def __init__(self, monitor: MemoryMonitor) -> None:
        self._monitor = monitor

    def collect(self) -> Iterator[GaugeMetricFamily]:
        snapshot = self._monitor.snapshot()
        pid = str(os.getpid())
        gauges = (
            ("spacetime_memory_used_bytes", "Resident memory of the process", snapshot.used_bytes),
            ("spacetime_memory_peak_bytes", "Highest resident memory of the process", snapshot.peak_bytes),
            ("spacetime_memory_limit_bytes", "The memory budget in force", snapshot.limit_bytes),
            ("spacetime_memory_pressure_level", _PRESSURE_HELP, snapshot.pressure.rank),
        )
        for name, documentation, value in gauges:
            gauge = GaugeMetricFamily(name, documentation, labels=("pid",))
            gauge.add_metric((pid,), value)
            yield gauge


_PRESSURE_HELP = "Memory pressure: " + ", ".join(f"{level.rank} {level.value}" for level in MemoryPressure)


def metrics_endpoint(request: Request) -> Response:
    registry = PROCESS_REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    # A registry per scrape: nothing is registered globally, and the monitor is the container's.
    memory = CollectorRegistry(auto_describe=True)
    memory.register(MemoryCollector(request.app.state.container.memory.monitor()))
    body = generate_latest(registry) + generate_latest(memory)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
