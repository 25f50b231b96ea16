"""A job's progress as Server-Sent Events: one event per change of the record, `end` when it finishes.

Each event is the job as `GET /jobs/{id}` shows it, its SSE id is the record's version, and its name is
`progress`, or `end` for the final state, after which the server closes the stream. A client that comes
back with `Last-Event-ID` gets the current state at once if it changed meanwhile (the progress it
missed is merged into it). One that already saw the end gets 204, which tells an EventSource to stop
reconnecting. The stream opens with a `retry:` hint, pings every `SPACETIME_SSE_PING_SECONDS` so that
proxies keep it open, counts against the client's stream cap, and reads the record in a worker thread
(the store is synchronous) every POLL_SECONDS.
"""

from __future__ import annotations

import functools
from collections.abc import AsyncIterator

import anyio
import anyio.to_thread
from sse_starlette import ServerSentEvent
from starlette.requests import Request
from starlette.responses import Response

from spacetime_service.application.jobs.events import JobEvent, JobEventFeed, parse_last_event_id
from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.jobs.job import Job
from spacetime_service.entrypoints.http.schemas.jobs import job_out
from spacetime_service.entrypoints.http.streams.event_stream import SlotEventResponse
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter
from spacetime_service.entrypoints.http.streams.responses import client_key, stream_idle_seconds

RETRY_MILLISECONDS = 2000
POLL_SECONDS = 0.5


def serve_job_events(
    request: Request,
    limiter: StreamLimiter,
    feed: JobEventFeed,
    job: Job,
    *,
    owner: str | None,
    last_event_id: str | None,
    ping_seconds: float,
) -> Response:
    """The event stream of `job` (already read, and checked to belong to `owner`) for a client whose
    `Last-Event-ID` header is `last_event_id`. Raises TooManyStreams when the client has its cap of
    streams open."""
    last_seen = parse_last_event_id(last_event_id)
    if job.status.is_terminal and last_seen == job.version:
        return Response(status_code=204)
    slot = limiter.acquire(client_key(request))
    first = None if last_seen == job.version else JobEvent(job)
    events = _events(feed, job.id, owner, first, last_seen)
    return SlotEventResponse(
        events, slot, ping_seconds=ping_seconds, idle_seconds=stream_idle_seconds(request)
    )


async def _events(
    feed: JobEventFeed, job_id: str, owner: str | None, first: JobEvent | None, last_seen: int | None
) -> AsyncIterator[ServerSentEvent]:
    # No data, so browsers dispatch nothing; they only take the reconnection delay.
    yield ServerSentEvent(retry=RETRY_MILLISECONDS)
    event = first
    while True:
        if event is not None:
            yield _encoded(event)
            if event.name == "end":
                return
            last_seen = event.id
        await anyio.sleep(POLL_SECONDS)
        try:
            event = await anyio.to_thread.run_sync(
                functools.partial(feed.next_event, job_id, last_seen, owner=owner)
            )
        except NotFound:
            return


def _encoded(event: JobEvent) -> ServerSentEvent:
    return ServerSentEvent(data=job_out(event.job).model_dump_json(), id=str(event.id), event=event.name)
