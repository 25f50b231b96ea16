"""A limit on the size of JSON request bodies, enforced while they are read.

A request whose body is JSON (or has no declared type, which FastAPI reads as JSON) is refused with a
413 problem as soon as its declared length or the bytes received so far pass `max_bytes`: the body is
never held whole beyond the limit. Uploads in their own media types (NDJSON, CSV, ...) pass untouched
and keep their own limits. A body within the limit is read once and handed on unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.errors import TooLarge
from spacetime_service.entrypoints.http.problems.document import problem_response
from spacetime_service.entrypoints.http.problems.error_map import ERROR_PROBLEMS

if TYPE_CHECKING:
    from starlette.types import ASGIApp, Message, Receive, Scope, Send

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


class JsonBodyLimit:
    """ASGI middleware: JSON bodies of at most `max_bytes` bytes."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self._app = app
        self._max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _BODY_METHODS or not _is_json(scope):
            await self._app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared > self._max_bytes:
            await self._refuse(scope, receive, send)
            return
        received = bytearray()
        while True:
            message = await receive()
            if message["type"] != "http.request":  # the client went away
                await self._app(scope, _replay({"type": "http.disconnect"}, receive), send)
                return
            received += message.get("body", b"")
            if len(received) > self._max_bytes:
                await self._refuse(scope, receive, send)
                return
            if not message.get("more_body", False):
                break
        body: Message = {"type": "http.request", "body": bytes(received), "more_body": False}
        await self._app(scope, _replay(body, receive), send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        kind = ERROR_PROBLEMS[TooLarge]
        response = problem_response(
            kind.status,
            title=kind.title,
            detail=f"a JSON request body is at most {self._max_bytes} bytes",
            type_uri=kind.type_uri,
            instance=scope["path"],
            headers={"Connection": "close"},
        )
        await response(scope, receive, send)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None


def _is_json(scope: Scope) -> bool:
    """No declared type, application/json, or any `+json` type."""
    content_type = _header(scope, b"content-type")
    if content_type is None:
        return True
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def _declared_length(scope: Scope) -> int | None:
    value = _header(scope, b"content-length")
    return int(value) if value is not None and value.strip().isdigit() else None


def _replay(first: Message, receive: Receive) -> Receive:
    """`first`, then whatever the server sends after it (a disconnect)."""
    pending: list[Message] = [first]

    async def replayed() -> Message:
        return pending.pop() if pending else await receive()

    return replayed
