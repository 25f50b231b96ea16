"""One structured log line per request, with a request id the client can quote back."""

import time
import uuid

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_log = structlog.get_logger("spacetime_service.http")
_QUIET_PATHS = frozenset({"/livez", "/readyz", "/healthz", "/metrics"})


class RequestLoggingMiddleware:
    """Binds `request_id` for every log line of the request and logs method, path, status and time.

    An incoming `X-Request-ID` is kept when it is a short plain token; otherwise a new one is made. The
    id is echoed in the response so that a client can report it.
    """

    def __init__(self, app: ASGIApp) -> None:
        self._app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self._app(scope, receive, send)
            return
        request_id = _request_id(scope)
        started = time.perf_counter()
        status = 500

        async def tagged(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode())]
            await send(message)

        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self._app(scope, receive, tagged)
            finally:
                if scope["path"] not in _QUIET_PATHS or status >= 500:
                    _log.info(
                        "request",
                        method=scope["method"],
                        path=scope["path"],
                        status=status,
                        duration_ms=round((time.perf_counter() - started) * 1000, 1),
                    )


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id" and 0 < len(value) <= 64 and value.replace(b"-", b"").isalnum():
            decoded: str = value.decode()
            return decoded
    return uuid.uuid4().hex
