"""A request body read as a stream by code that runs in a worker thread, and a small body read whole.

Streaming endpoints (serve_stream) run their use case in worker threads; `BlockingBody` lets that code
pull the body chunk by chunk from the event loop, so a large upload is never held whole.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import anyio.from_thread
from starlette.requests import Request

from spacetime_service.domain.errors import InvalidInput

MAX_SMALL_BODY_BYTES = 64 * 1024


class BlockingBody:
    """An iterator over the request body's chunks for a thread started by anyio.to_thread."""

    def __init__(self, request: Request) -> None:
        self._chunks: AsyncIterator[bytes] = request.stream()

    def __iter__(self) -> Iterator[bytes]:
        return self

    def __next__(self) -> bytes:
        try:
            return anyio.from_thread.run(self._next)
        except StopAsyncIteration:
            raise StopIteration from None

    async def _next(self) -> bytes:
        return await anext(self._chunks)


async def small_body(request: Request, limit: int = MAX_SMALL_BODY_BYTES) -> bytes:
    """The whole body, refused with InvalidInput once it grows past `limit` bytes."""
    received = bytearray()
    async for chunk in request.stream():
        received += chunk
        if len(received) > limit:
            raise InvalidInput(f"a JSON request body is at most {limit} bytes", field="body")
    return bytes(received)
