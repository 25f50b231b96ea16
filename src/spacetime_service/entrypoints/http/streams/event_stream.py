"""Server-sent events that hold a per-client stream slot: the one response class every SSE route uses."""

from collections.abc import AsyncIterator

import structlog
from sse_starlette import EventSourceResponse, ServerSentEvent
from sse_starlette.sse import SendTimeoutError
from starlette.types import Receive, Scope, Send

from spacetime_service.entrypoints.http.streams.limits import StreamSlot
from spacetime_service.entrypoints.http.streams.responses import DEFAULT_IDLE_SECONDS, STREAM_HEADERS

_log = structlog.get_logger(__name__)


class SlotEventResponse(EventSourceResponse):
    """An EventSourceResponse with pings and the streaming headers (`X-Accel-Buffering: no`,
    `Cache-Control: no-cache`) that frees its stream slot however it ends (HEAD, disconnect, the end). A
    client that stops reading for `idle_seconds` is dropped, so that it cannot keep its slot forever:
    the stream ends unfinished and the server closes the connection, as with the other streams."""

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
        self._idle_seconds = idle_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, send)
        except* SendTimeoutError:
            # An event and a ping may both time out, hence except*: either way it is the idle cut, not
            # a failure of the application.
            _log.warning("stream_idle_closed", idle_seconds=self._idle_seconds, path=scope.get("path"))
        finally:
            self._slot.release()
