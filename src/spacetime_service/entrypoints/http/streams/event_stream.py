"""Server-sent events that hold a per-client stream slot: the one response class every SSE route uses."""

from collections.abc import AsyncIterator

from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.types import Receive, Scope, Send

from spacetime_service.entrypoints.http.streams.limits import StreamSlot
from spacetime_service.entrypoints.http.streams.responses import DEFAULT_IDLE_SECONDS, STREAM_HEADERS


class SlotEventResponse(EventSourceResponse):
    """An EventSourceResponse with pings and the streaming headers (`X-Accel-Buffering: no`,
    `Cache-Control: no-cache`) that frees its stream slot however it ends (HEAD, disconnect, the end). A
    client that stops reading for `idle_seconds` is dropped, so that it cannot keep its slot forever."""

    def __init__(
        self,
        events: AsyncIterator[ServerSentEvent],
        slot: StreamSlot,
        *,
        ping_seconds: float,
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
    ) -> None:
        super().__init__(events, headers=STREAM_HEADERS, ping=ping_seconds, send_timeout=idle_seconds)
        self._slot = slot

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        finally:
            self._slot.release()
