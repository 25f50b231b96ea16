"""Prometheus metrics over HTTP: request counts and durations by route template, and `/metrics`.

Under gunicorn with several workers, PROMETHEUS_MULTIPROC_DIR makes every worker write its samples to
files that `/metrics` aggregates, so a scrape sees the whole server and not one worker at random.
"""

import os
import time

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client import REGISTRY as PROCESS_REGISTRY
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUESTS = Counter("spacetime_http_requests_total", "HTTP requests answered", ("method", "route", "status"))
DURATION = Histogram(
    "spacetime_http_request_duration_seconds",
    "Time to the end of the response body (whole streams included)",
    ("method", "route"),
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300),
)


class PrometheusMiddleware:
    """A pure ASGI middleware (unlike BaseHTTPMiddleware it does not buffer streamed bodies)."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def observe(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self._app(scope, receive, observe)
        finally:
            route = getattr(scope.get("route"), "path", "unmatched")
            REQUESTS.labels(scope["method"], route, str(status)).inc()
            DURATION.labels(scope["method"], route).observe(time.perf_counter() - started)


def metrics_endpoint(_: Request) -> Response:
    registry = PROCESS_REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
