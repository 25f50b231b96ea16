"""Cross-origin requests from browsers, for the origins of SPACETIME_CORS_ORIGINS only.

With no origins configured (the default) the app has no CORS middleware at all, and a browser keeps
pages of other origins from reading any answer. Credentials travel in the `Authorization` header, not in
cookies, so credentialed CORS (`Access-Control-Allow-Credentials`) is never offered.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.cors import CORSMiddleware

if TYPE_CHECKING:
    from collections.abc import Sequence

    from fastapi import FastAPI
    from starlette.types import Message, Receive, Scope, Send

ALLOWED_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
# What a browser client sends beyond the safelisted headers: credentials, idempotent submissions,
# ranged and conditional downloads, SSE replay, and a request id to quote back.
ALLOWED_HEADERS = (
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "Range",
    "If-Range",
    "If-None-Match",
    "Last-Event-ID",
    "X-Request-ID",
)
# What a browser lets a page read beyond the safelisted response headers.
EXPOSED_HEADERS = (
    "Location",
    "Retry-After",
    "Content-Range",
    "Accept-Ranges",
    "Content-Disposition",
    "ETag",
    "Idempotent-Replayed",
    "WWW-Authenticate",
    "X-Request-ID",
)
PREFLIGHT_CACHE_SECONDS = 600


def install_cross_origin(app: FastAPI, origins: Sequence[str]) -> None:
    """Answers preflights and marks answers for `origins` (`*`: any origin); nothing when empty.
    Add it last, so that it sits outside every other middleware and sees each request first."""
    if not origins:
        return
    app.add_middleware(
        AllowListCors,
        allow_origins=list(origins),
        allow_methods=ALLOWED_METHODS,
        allow_headers=ALLOWED_HEADERS,
        expose_headers=EXPOSED_HEADERS,
        allow_credentials=False,
        max_age=PREFLIGHT_CACHE_SECONDS,
    )


class AllowListCors(CORSMiddleware):
    """Starlette's CORS middleware, except that a request from an origin off the list gets no CORS header
    at all: its preflight goes on to the app (which answers OPTIONS with a 405 problem) instead of a
    plain-text 400 that still lists the allowed methods, and its answers expose nothing. Every answer to
    a request with an Origin varies on it, so that a shared cache never hands one origin's to another."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            origin = Headers(scope=scope).get("origin")
            if origin is not None and not self.is_allowed_origin(origin):
                await self.app(scope, receive, functools.partial(_varying_on_origin, send=send))
                return
        await super().__call__(scope, receive, send)


async def _varying_on_origin(message: Message, *, send: Send) -> None:
    if message["type"] == "http.response.start":
        headers = MutableHeaders(scope=message)
        headers["Vary"] = ", ".join([*headers.getlist("Vary"), "Origin"])
    await send(message)
