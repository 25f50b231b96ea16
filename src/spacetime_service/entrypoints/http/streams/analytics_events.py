"""A live analytics summary as Server-Sent Events, one `summary` event every few seconds.

The stream opens with a `retry:` hint, pings every SPACETIME_SSE_PING_SECONDS so that proxies keep it
open, counts against the client's stream cap, and computes each tick in a worker thread (the store is
synchronous). Event ids count the ticks; a client that reconnects with Last-Event-ID continues the
count (the summary starts again from the reconnection). It ends after `max_events` ticks when asked,
and at once when the client goes away (sse-starlette cancels the generator).
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator
from dataclasses import replace

import anyio
import anyio.to_thread
from sse_starlette import ServerSentEvent
from starlette.requests import Request

from spacetime_service.application.analytics.stream_analytics import (
    AnalyticsTick,
    StreamAnalytics,
    StreamAnalyticsCommand,
)
from spacetime_service.application.encoding.wire import wire_time
from spacetime_service.entrypoints.http.schemas.analytics import SummaryEventOut, SummaryOut
from spacetime_service.entrypoints.http.streams.event_stream import SlotEventResponse
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter
from spacetime_service.entrypoints.http.streams.responses import client_key, stream_idle_seconds

RETRY_MILLISECONDS = 5000


def serve_analytics_events(
    request: Request,
    limiter: StreamLimiter,
    use_case: StreamAnalytics,
    first: StreamAnalyticsCommand,
    *,
    interval_seconds: float,
    max_events: int | None,
    ping_seconds: float,
) -> SlotEventResponse:
    """Raises TooManyStreams when the client has its cap of streams open."""
    slot = limiter.acquire(client_key(request))
    events = _events(use_case, first, interval_seconds, max_events)
    return SlotEventResponse(
        events, slot, ping_seconds=ping_seconds, idle_seconds=stream_idle_seconds(request)
    )


async def _events(
    use_case: StreamAnalytics,
    command: StreamAnalyticsCommand,
    interval_seconds: float,
    max_events: int | None,
) -> AsyncIterator[ServerSentEvent]:
    yield ServerSentEvent(retry=RETRY_MILLISECONDS)
    sent = 0
    while max_events is None or sent < max_events:
        tick = await anyio.to_thread.run_sync(functools.partial(use_case.execute, command))
        yield _encoded(tick)
        sent += 1
        command = replace(command, started_at=tick.started_at, sequence=tick.sequence + 1)
        if max_events is None or sent < max_events:
            await anyio.sleep(interval_seconds)


def _encoded(tick: AnalyticsTick) -> ServerSentEvent:
    summary = SummaryOut.of(tick.summary).model_dump()
    data = SummaryEventOut(at=wire_time(tick.at), since=wire_time(tick.since), **summary)
    return ServerSentEvent(data=data.model_dump_json(), id=str(tick.sequence), event="summary")
