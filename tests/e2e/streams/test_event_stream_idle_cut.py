"""An event stream whose client stops reading is cut like the other streams, over a real uvicorn: after
SPACETIME_STREAM_IDLE_SECONDS the server closes it unfinished, logs the cut (not an application error)
and frees its slot, so that with SPACETIME_MAX_STREAMS=1 the next stream is served.

An event stream carries little: the stalled client announces a tiny segment size and receive buffer,
and the server pings often, so that the socket buffers fill within seconds instead of hours.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.support.refusals import assert_streams_busy
from tests.support.seed import seed
from tests.support.sse import events
from tests.support.stalled_clients import LAST_CHUNK, drain, stall
from tests.support.uvicorn_server import UvicornServer
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SERVER_ENV = {
    "SPACETIME_CURSOR_SECRET": "e2e-event-stream-idle",
    "SPACETIME_MAX_STREAMS": "1",
    "SPACETIME_STREAM_IDLE_SECONDS": "1",
    "SPACETIME_SSE_PING_SECONDS": "0.001",
}
# One summary, then only pings until the client is cut.
SLOW_SUMMARY = "/analytics/stream?interval_seconds=300"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[UvicornServer]:
    url = f"sqlite:///{tmp_path / 'events.db'}"
    seed(url, product_count=50, order_count=500)
    with UvicornServer(url, tmp_path, SERVER_ENV) as server:
        yield server


def _one_summary(client: httpx.Client) -> str | None:
    """The first summary of a new stream, or None while the stream is refused."""
    with client.stream("GET", "/analytics/stream", params={"max_events": 1}) as stream:
        if stream.status_code != 200:
            stream.read()
            assert_streams_busy(stream)
            return None
        return next(events(stream.iter_lines())).event


def test_an_event_stream_whose_client_stops_reading_is_cut_and_frees_its_slot(server: UvicornServer) -> None:
    with httpx.Client(base_url=server.base_url, timeout=30.0) as client, ExitStack() as stalls:
        stalled = stall(stalls, server.base_url, SLOW_SUMMARY, receive_buffer=2048, segment_size=88)
        assert _one_summary(client) is None  # the stalled stream holds the one slot

        event = wait_until(lambda: _one_summary(client), "a new stream served after the stalled one was cut")

        assert event == "summary"
        tail = drain(stalled)
        assert not tail.endswith(LAST_CHUNK), "a cut stream must not look whole"
    log = server.log()
    assert "stream_idle_closed" in log
    assert "Exception in ASGI application" not in log
