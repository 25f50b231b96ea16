"""One structured log line per request, with a request id the client can quote back."""

import uuid

import structlog
from starlette.types import Receive, Scope, Send

from spacetime_service.entrypoints.http.response_watch import HttpMiddleware, ResponseWatch

_log = structlog.get_logger("spacetime_service.http")
_QUIET_PATHS = frozenset({"/livez", "/readyz", "/healthz", "/metrics"})


class RequestLoggingMiddleware(HttpMiddleware):
    """Binds `request_id` for every log line of the request and logs method, path, status, time and the
    client's address (behind a trusted proxy, the one its X-Forwarded-For names: SPACETIME_TRUSTED_PROXIES).

    An incoming `X-Request-ID` is kept when it is a short plain token; otherwise a new one is made. The
    id is echoed in the response so that a client can report it.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request_id = _request_id(scope)
        watch = ResponseWatch(send, start_headers=[(b"x-request-id", request_id.encode())])
        with structlog.contextvars.bound_contextvars(request_id=request_id):
            try:
                await self._app(scope, receive, watch.send)
            finally:
                if scope["path"] not in _QUIET_PATHS or watch.status >= 500:
                    _log.info(
                        "request",
                        method=scope["method"],
                        path=scope["path"],
                        status=watch.status,
                        client=_client_host(scope),
                        duration_ms=round(watch.elapsed_seconds() * 1000, 1),
                    )


def _client_host(scope: Scope) -> str | None:
    client = scope.get("client")
    return str(client[0]) if client else None


def _request_id(scope: Scope) -> str:
    for name, value in scope.get("headers", []):
        if name == b"x-request-id" and 0 < len(value) <= 64 and value.replace(b"-", b"").isalnum():
            decoded: str = value.decode()
            return decoded
    return uuid.uuid4().hex
