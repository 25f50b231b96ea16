"""Prometheus metrics over HTTP: request counts and durations by route template, and `/metrics`.

Under gunicorn with several workers, PROMETHEUS_MULTIPROC_DIR (set by deploy/gunicorn.conf.py) makes
every worker write its samples to files that `/metrics` aggregates, so a scrape sees the whole server
and not one worker at random: counters and histograms add up, per-process gauges (memory, cache,
breaker) carry each live worker's pid. A worker updates its memory gauges after each request and when
it answers a scrape. What `/metrics` holds is composed in bootstrap/metrics.py.
"""

from prometheus_client import CONTENT_TYPE_LATEST, Counter, Histogram
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from spacetime_service.bootstrap.metrics import record_memory, scrape
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
            route = _route_template(scope)
            REQUESTS.labels(scope["method"], route, str(watch.status)).inc()
            DURATION.labels(scope["method"], route).observe(watch.elapsed_seconds())
            # A few microseconds (one read of /proc): keeps this worker's memory gauges current even
            # when other workers answer the scrapes.
            record_memory(scope["app"].state.container)


def _route_template(scope: Scope) -> str:
    """FastAPI's routes leave themselves in the scope; a plain Starlette route (`/metrics`, `/docs`)
    only its endpoint, and its path is then fixed, so the path is its template. Anything else, such as
    a 404, is `unmatched`, so that unknown paths cannot grow the label set."""
    route = scope.get("route")
    if route is not None:
        return str(getattr(route, "path", "unmatched"))
    return str(scope["path"]) if "endpoint" in scope else "unmatched"


def metrics_endpoint(request: Request) -> Response:
    body = scrape(request.app.state.container, census=True)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
