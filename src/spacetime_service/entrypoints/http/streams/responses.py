"""Serving an EncodedStream: its chunks come from a blocking iterator that holds a database cursor, so
each chunk is pulled in a worker thread, and the iterator is closed (in a thread, shielded from
cancellation) the moment the response ends for any reason, the client going away or stopping reading
included: a send that does not complete within the idle time ends the response unfinished."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import anyio
import anyio.to_thread
import structlog
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.types import Message, Receive, Scope, Send

from spacetime_service.application.encoding.encoded_stream import EncodedStream
from spacetime_service.entrypoints.http.streams.content_disposition import attachment
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter, StreamSlot

STREAM_HEADERS: Mapping[str, str] = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no"}
DEFAULT_IDLE_SECONDS = 60.0

_log = structlog.get_logger(__name__)


class ClientStoppedReading(Exception):  # noqa: N818 - reads as a sentence at the raise site
    """A send did not complete within the idle time: the client has stopped reading."""


def idle_bounded(send: Send, idle_seconds: float) -> Send:
    """`send`, failing with ClientStoppedReading when one message waits longer than `idle_seconds` for
    the client to make room. The server only waits before writing, so nothing is half-written."""

    async def bounded_send(message: Message) -> None:
        with anyio.move_on_after(idle_seconds) as scope:
            await send(message)
        if scope.cancelled_caught:
            raise ClientStoppedReading

    return bounded_send


class ThreadedChunks:
    """An async iterator over a blocking iterator of bytes. It never runs two pulls at once, and
    `aclose` closes the source even when the iterator was never started or is cancelled midway."""

    def __init__(self, source: Iterator[bytes]) -> None:
        self._source = source
        self._ahead: bytes | None = None
        self._pending = False
        self._closed = False

    async def start(self) -> None:
        """Pulls the first chunk now, so that a failure before the first byte can still be answered
        with a proper error status instead of a broken stream."""
        self._ahead = await self._pull()
        self._pending = True

    def __aiter__(self) -> ThreadedChunks:
        return self

    async def __anext__(self) -> bytes:
        chunk = self._ahead if self._pending else await self._pull()
        self._ahead, self._pending = None, False
        if chunk is None:
            await self.aclose()
            raise StopAsyncIteration
        return chunk

    async def aclose(self) -> None:
        if self._closed:
            return
        self._closed = True
        close = getattr(self._source, "close", None)
        if close is not None:
            # Shielded: this runs while the task is being cancelled (the client left), and the cursor
            # must be released all the same.
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(close)

    async def _pull(self) -> bytes | None:
        """The next chunk, or None at the end. Not abandoned on cancellation: the pull finishes before
        anyone may close the iterator, since a generator cannot be closed while it runs in a thread."""
        if self._closed:
            return None
        return await anyio.to_thread.run_sync(_next_chunk, self._source)


def _next_chunk(source: Iterator[bytes]) -> bytes | None:
    return next(source, None)


class ChunkStreamResponse(StreamingResponse):
    """A StreamingResponse that closes its chunks and frees its stream slot however it ends. A client
    that does not read for `idle_seconds` gets no more: the response ends unfinished (no last chunk,
    so the client cannot take the cut stream for a whole one) and the server closes the connection."""

    def __init__(
        self,
        chunks: ThreadedChunks,
        slot: StreamSlot,
        *,
        media_type: str,
        headers: Mapping[str, str],
        idle_seconds: float = DEFAULT_IDLE_SECONDS,
    ) -> None:
        super().__init__(chunks, media_type=media_type, headers=headers)
        self._chunks = chunks
        self._slot = slot
        self._idle_seconds = idle_seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            await super().__call__(scope, receive, idle_bounded(send, self._idle_seconds))
        except ClientStoppedReading:
            _log.warning("stream_idle_closed", idle_seconds=self._idle_seconds, path=scope.get("path"))
        finally:
            try:
                await self._chunks.aclose()
            finally:
                self._slot.release()


def client_key(request: Request) -> str:
    """Streams are counted per client IP; behind a proxy, run uvicorn with --proxy-headers."""
    return request.client.host if request.client else "unknown"


async def serve_stream(
    request: Request,
    limiter: StreamLimiter,
    open_stream: Callable[[], EncodedStream],
    *,
    download: bool = False,
) -> ChunkStreamResponse:
    """Takes a stream slot, opens the stream in a worker thread and pulls its first chunk; any failure
    up to there frees everything and propagates, to be answered as a problem."""
    slot = limiter.acquire(client_key(request))
    try:
        stream = await anyio.to_thread.run_sync(open_stream)
        chunks = ThreadedChunks(stream.chunks)
        try:
            await chunks.start()
        except BaseException:
            await chunks.aclose()
            raise
    except BaseException:
        slot.release()
        raise
    headers = dict(STREAM_HEADERS)
    if download:
        headers["Content-Disposition"] = attachment(stream.filename)
    return ChunkStreamResponse(
        chunks, slot, media_type=stream.media_type, headers=headers, idle_seconds=stream_idle_seconds(request)
    )


def stream_idle_seconds(request: Request) -> float:
    """How long a stream may wait for its client to read, set in create_app."""
    return float(getattr(request.app.state, "stream_idle_seconds", DEFAULT_IDLE_SECONDS))


def stream_limiter(request: Request) -> StreamLimiter:
    """The app's limiter, made in create_app; a FastAPI dependency."""
    limiter: StreamLimiter = request.app.state.stream_limiter
    return limiter
