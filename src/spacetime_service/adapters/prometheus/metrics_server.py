"""A small HTTP server for a process without a web app of its own (`spacetime worker`): `/metrics` is the
scrape, and `/healthz` (the container's health check) answers 200 while `unhealthy()` finds nothing
wrong, and 503 with its reasons otherwise."""

from __future__ import annotations

import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING

from prometheus_client import CONTENT_TYPE_LATEST

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence


class MetricsServer:
    """Serves `scrape()` on `host:port` from a daemon thread until `stop`; port 0 takes a free port.
    `unhealthy()` lists what is wrong (nothing: healthy)."""

    def __init__(
        self,
        scrape: Callable[[], bytes],
        host: str,
        port: int,
        unhealthy: Callable[[], Sequence[str]] = tuple,
    ) -> None:
        self._server = ThreadingHTTPServer((host, port), _handler(scrape, unhealthy))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="metrics-server", daemon=True)

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> MetricsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


def _handler(
    scrape: Callable[[], bytes], unhealthy: Callable[[], Sequence[str]]
) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/metrics":
                self._answer(HTTPStatus.OK, scrape(), CONTENT_TYPE_LATEST)
            elif path == "/healthz":
                reasons = unhealthy()
                status = HTTPStatus.SERVICE_UNAVAILABLE if reasons else HTTPStatus.OK
                body = "".join(f"{reason}\n" for reason in reasons) or "ok\n"
                self._answer(status, body.encode(), "text/plain; charset=utf-8")
            else:
                self._answer(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8")

        def _answer(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass  # scrapes every few seconds would drown the worker's own log

    return Handler
