"""Server-sent events that hold a per-client stream slot: the one response class every SSE route uses."""

from collections.abc import AsyncIterator

from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.types import Receive, Scope, Send

from spacetime_service.entrypoints.http.streams.limits import StreamSlot
from spacetime_service.entrypoints.http.streams.responses import STREAM_HEADERS

# A client that stops reading for this long is dropped, so that it cannot keep its slot forever.
SEND_TIMEOUT_SECONDS = 30.0


class SlotEventResponse(EventSourceResponse):
    """An EventSourceResponse with pings and the streaming headers (`X-Accel-Buffering: no`,
    `Cache-Control: no-cache`) that frees its stream slot however it ends (HEAD, disconnect, the end)."""

    def __init__(
        self, events: AsyncIterator[ServerSentEvent], slot: StreamSlot, *, ping_seconds: float
    ) -> None:
        super().__init__(events, headers=STREAM_HEADERS, ping=ping_seconds, send_timeout=SEND_TIMEOUT_SECONDS)
        self._slot = slot

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._slot.release()
