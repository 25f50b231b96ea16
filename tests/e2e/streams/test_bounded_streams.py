"""Streams are bounded over a real uvicorn: past the per-process cap (SPACETIME_MAX_STREAMS) a stream,
NDJSON or SSE, is refused with 503 problem+json and Retry-After, and a client that stops reading for
SPACETIME_STREAM_IDLE_SECONDS has its stream cut (no last chunk) and its connection closed, which frees
the stream's slot and its database connection for the next client.
"""

from __future__ import annotations

import shutil
from contextlib import ExitStack
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.support import servers
from tests.support.refusals import assert_streams_busy
from tests.support.seed import seed
from tests.support.stalled_clients import LAST_CHUNK, drain, stall
from tests.support.uvicorn_server import live_server
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# Enough orders that their NDJSON cannot fit in the socket buffers: a client that stops reading leaves
# the server mid-stream.
ORDERS = 200_000
BASE_ENV = {
    "SPACETIME_CURSOR_SECRET": "e2e-bounded-streams",
    "SPACETIME_MAX_STREAMS_PER_CLIENT": "10",
    "SPACETIME_FETCH_ROWS": "500",
    "SPACETIME_EXPORT_BACKENDS": "1",
}
# Two streams in all, and stalled clients are never dropped while the test runs.
CAPPED_ENV = {**BASE_ENV, "SPACETIME_MAX_STREAMS": "2", "SPACETIME_STREAM_IDLE_SECONDS": "3600"}
# One stream and one request connection in all: a new stream is served only once the stalled one's slot
# and database connection are both free again.
IDLE_ENV = {
    **BASE_ENV,
    "SPACETIME_MAX_STREAMS": "1",
    "SPACETIME_STREAM_IDLE_SECONDS": "1",
    "SPACETIME_DB_POOL_SIZE": "1",
    "SPACETIME_DB_MAX_OVERFLOW": "0",
    "SPACETIME_DB_POOL_TIMEOUT_SECONDS": "1",
}


@pytest.fixture(scope="module")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("e2e-bounded-seed") / "seed.db"
    seed(f"sqlite:///{path}", product_count=500, order_count=ORDERS)
    return path


def _sqlite_server(seeded: Path, tmp_path: Path, env: dict[str, str]) -> Iterator[str]:
    database = tmp_path / "streams.db"
    shutil.copyfile(seeded, database)
    with live_server(f"sqlite:///{database}", tmp_path, env) as base_url:
        yield base_url


@pytest.fixture
def capped_sqlite(seeded_sqlite: Path, tmp_path: Path) -> Iterator[str]:
    yield from _sqlite_server(seeded_sqlite, tmp_path, CAPPED_ENV)


@pytest.fixture
def idle_sqlite(seeded_sqlite: Path, tmp_path: Path) -> Iterator[str]:
    yield from _sqlite_server(seeded_sqlite, tmp_path, IDLE_ENV)


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    for url in servers.fresh_postgres_database():
        seed(url, product_count=500, order_count=ORDERS)
        yield url


@pytest.fixture
def idle_postgres(postgres_url: str, tmp_path: Path) -> Iterator[str]:
    with live_server(postgres_url, tmp_path, IDLE_ENV) as base_url:
        yield base_url


def _stream_status(client: httpx.Client, path: str) -> int:
    """The status of a stream's response; a served stream is left at once."""
    with client.stream("GET", path) as stream:
        if stream.status_code != 200:
            stream.read()
        return stream.status_code


def test_streams_past_the_process_cap_are_503(capped_sqlite: str) -> None:
    with httpx.Client(base_url=capped_sqlite, timeout=30.0) as client:
        with ExitStack() as stalls:
            stall(stalls, capped_sqlite)
            stall(stalls, capped_sqlite)
            for path in ("/orders/stream", "/products/stream", "/analytics/stream?max_events=1"):
                with client.stream("GET", path) as stream:
                    stream.read()
                    assert_streams_busy(stream)
            assert client.get("/products/1").status_code == 200  # only streams are capped
        wait_until(
            lambda: True if _stream_status(client, "/products/stream") == 200 else None,
            "a stream served once the stalled clients left",
        )


def _assert_idle_stream_is_cut(base_url: str) -> None:
    with httpx.Client(base_url=base_url, timeout=30.0) as client, ExitStack() as stalls:
        stalled = stall(stalls, base_url)
        wait_until(
            lambda: True if _stream_status(client, "/orders/stream") == 200 else None,
            "a new stream served after the stalled one was closed",
        )
        tail = drain(stalled)
        assert not tail.endswith(LAST_CHUNK), "a cut stream must not look whole"
        assert client.get("/products/1").status_code == 200


def test_sqlite_stream_of_a_client_that_stops_reading_is_closed(idle_sqlite: str) -> None:
    _assert_idle_stream_is_cut(idle_sqlite)


@pytest.mark.postgres
def test_postgres_stream_of_a_client_that_stops_reading_is_closed(idle_postgres: str) -> None:
    _assert_idle_stream_is_cut(idle_postgres)
