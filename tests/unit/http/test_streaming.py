"""The stream-closing helper: chunks are pulled off the event loop, and the source (which holds a
database cursor) is closed however the response ends, the client leaving midway included."""

from __future__ import annotations

import threading
from contextlib import suppress
from typing import TYPE_CHECKING, Any

import anyio
import pytest
from starlette.requests import ClientDisconnect

from spacetime_service.domain.errors import Unavailable
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter, StreamsBusy, TooManyStreams
from spacetime_service.entrypoints.http.streams.responses import ChunkStreamResponse, ThreadedChunks

if TYPE_CHECKING:
    from collections.abc import Iterator

    from fastapi.testclient import TestClient
    from starlette.types import Message

    from tests.unit.http.sample_catalog import SampleCatalog


class Source:
    """A blocking chunk source that records where it ran and whether it was closed. It keeps its
    generators alive, so that only an explicit close (never the garbage collector) can run their
    cleanup."""

    def __init__(self, chunks: int = 1000) -> None:
        self.chunks = chunks
        self.pulled = 0
        self.pull_threads: set[int] = set()
        self.closed = False
        self.generators: list[Iterator[bytes]] = []

    def __iter__(self) -> Iterator[bytes]:
        generator = self._generate()
        self.generators.append(generator)
        return generator

    def _generate(self) -> Iterator[bytes]:
        try:
            for number in range(self.chunks):
                self.pull_threads.add(threading.get_ident())
                self.pulled += 1
                yield f"{number}\n".encode() * 100
        finally:
            self.closed = True


def test_chunks_are_pulled_in_worker_threads_and_the_source_closed_at_the_end() -> None:
    source = Source(chunks=5)

    async def main() -> tuple[int, list[bytes]]:
        chunks = ThreadedChunks(iter(source))
        return threading.get_ident(), [chunk async for chunk in chunks]

    loop_thread, received = anyio.run(main)
    assert len(received) == 5
    assert loop_thread not in source.pull_threads
    assert source.closed


def test_closing_a_started_source_runs_its_cleanup_at_once() -> None:
    source = Source()

    async def main() -> None:
        chunks = ThreadedChunks(iter(source))
        await chunks.start()
        await chunks.aclose()

    anyio.run(main)
    assert source.closed
    assert source.pulled == 1


def test_a_source_that_was_never_started_is_closed_too() -> None:
    source = Source()
    generator = iter(source)

    async def main() -> None:
        await ThreadedChunks(generator).aclose()

    anyio.run(main)
    assert next(generator, None) is None
    assert source.pulled == 0


def _serve(source: Source, limiter: StreamLimiter, how_it_ends: str) -> list[Message]:
    """Serves the response until, after the first body chunk, the client leaves (ASGI 2.3 reports it
    through receive, 2.4 through a failing send), the server cancels the request (shutdown) or the client
    stops reading (a send that never completes, cut after the idle time)."""
    sent: list[Message] = []

    async def main() -> None:
        first_body = anyio.Event()

        async def receive() -> Message:
            await first_body.wait()
            if how_it_ends in ("server cancels", "client stops reading"):
                await anyio.sleep_forever()
            return {"type": "http.disconnect"}

        async def send(message: Message) -> None:
            if message["type"] == "http.response.body" and first_body.is_set() and how_it_ends == "2.4":
                raise OSError("connection reset by peer")
            if first_body.is_set() and how_it_ends == "client stops reading":
                await anyio.sleep_forever()
            sent.append(message)
            if message["type"] == "http.response.body":
                first_body.set()
                await anyio.sleep(0.01)

        slot = limiter.acquire("client")
        response = ChunkStreamResponse(
            ThreadedChunks(iter(source)),
            slot,
            media_type="application/x-ndjson",
            headers={},
            idle_seconds=0.05 if how_it_ends == "client stops reading" else 60.0,
        )
        spec_version = "2.4" if how_it_ends == "2.4" else "2.3"
        scope: dict[str, Any] = {"type": "http", "asgi": {"spec_version": spec_version}}
        async with anyio.create_task_group() as server:
            if how_it_ends == "server cancels":
                server.start_soon(_cancel_after, first_body, server.cancel_scope)
            with suppress(ClientDisconnect):  # how Starlette reports a reset under ASGI 2.4
                await response(scope, receive, send)

    anyio.run(main)
    return sent


async def _cancel_after(event: anyio.Event, scope: anyio.CancelScope) -> None:
    await event.wait()
    scope.cancel()


@pytest.mark.parametrize("how_it_ends", ["2.3", "2.4", "server cancels", "client stops reading"])
def test_a_stream_ended_midway_closes_the_source_and_frees_the_slot(how_it_ends: str) -> None:
    source = Source(chunks=10_000)
    limiter = StreamLimiter(limit=1)
    sent = _serve(source, limiter, how_it_ends)
    bodies = [message for message in sent if message["type"] == "http.response.body"]
    assert 1 <= len(bodies) < 10_000
    assert source.pulled < 10_000
    assert source.closed
    assert limiter.open_streams("client") == 0


def test_the_limiter_caps_open_streams_of_the_process_across_clients() -> None:
    limiter = StreamLimiter(limit=2, total_limit=2)
    first, _ = limiter.acquire("10.0.0.1"), limiter.acquire("10.0.0.2")
    with pytest.raises(StreamsBusy):
        limiter.acquire("10.0.0.3")
    first.release()
    limiter.acquire("10.0.0.3")
    assert limiter.open_total() == 2


def test_a_client_at_its_own_cap_is_told_so_before_the_process_cap() -> None:
    limiter = StreamLimiter(limit=1, total_limit=1)
    limiter.acquire("10.0.0.1")
    with pytest.raises(TooManyStreams):
        limiter.acquire("10.0.0.1")


def test_the_limiter_caps_open_streams_per_client() -> None:
    limiter = StreamLimiter(limit=2)
    first, _ = limiter.acquire("10.0.0.1"), limiter.acquire("10.0.0.1")
    with pytest.raises(TooManyStreams):
        limiter.acquire("10.0.0.1")
    limiter.acquire("10.0.0.2")  # another client has its own allowance
    first.release()
    first.release()  # a second release frees nothing more
    assert limiter.open_streams("10.0.0.1") == 1
    limiter.acquire("10.0.0.1")
    with pytest.raises(TooManyStreams):
        limiter.acquire("10.0.0.1")


def test_a_failure_before_the_first_byte_is_a_problem_and_releases_everything(
    client: TestClient, catalog: SampleCatalog
) -> None:
    catalog.unit_of_work.fail_with = Unavailable("the database is restarting", retry_after_seconds=3)
    response = client.get("/orders/stream")
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert not catalog.unit_of_work.open
    assert client.app.state.stream_limiter.open_streams("testclient") == 0  # type: ignore[attr-defined]


def test_a_finished_stream_releases_its_unit_of_work_and_slot(
    client: TestClient, catalog: SampleCatalog
) -> None:
    response = client.get("/orders/stream")
    assert response.status_code == 200
    assert len(response.text.splitlines()) == len(catalog.orders)
    assert not catalog.unit_of_work.open
    assert client.app.state.stream_limiter.open_streams("testclient") == 0  # type: ignore[attr-defined]


def test_a_client_over_its_stream_allowance_gets_429(client: TestClient) -> None:
    limiter: StreamLimiter = client.app.state.stream_limiter  # type: ignore[attr-defined]
    held = [limiter.acquire("testclient"), limiter.acquire("testclient")]
    response = client.get("/products/stream")
    assert response.status_code == 429
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
    for slot in held:
        slot.release()
    assert client.get("/products/stream").status_code == 200
