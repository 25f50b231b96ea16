"""What the service's pure ASGI middlewares share: they act on HTTP requests only, and watch the
response go out to learn its status and how long the request took, whole streamed bodies included.

Pure ASGI middlewares, unlike BaseHTTPMiddleware, do not buffer streamed bodies.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from starlette.types import ASGIApp, Message, Receive, Scope, Send


class HttpMiddleware(ABC):
    """A pure ASGI middleware that handles HTTP requests; other scopes (lifespan, websockets) pass
    through to the app untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    @abstractmethod
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Runs the app for one HTTP request."""


class ResponseWatch:
    """Passes a response's messages on to `send`, noting its status as it starts and adding
    `start_headers` to it. The status is 500 until the response starts: an app that raised before
    starting one is answered 500 by the server. The clock starts when the watch is made."""

    def __init__(self, send: Send, *, start_headers: Sequence[tuple[bytes, bytes]] = ()) -> None:
        self._send = send
        self._start_headers = list(start_headers)
        self._started = time.perf_counter()
        self.status = 500

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            if self._start_headers:
                message["headers"] = [*message.get("headers", []), *self._start_headers]
        await self._send(message)

    def elapsed_seconds(self) -> float:
        """Seconds since the watch was made."""
        return time.perf_counter() - self._started
