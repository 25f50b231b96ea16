"""A client that leaves midway through a stream: the server must release the database at once.

Each test first shows that the server does hold a read transaction while the client is connected but
not reading (so the check can fail), then closes the connection and waits for the database to show
no reader or busy backend of the server.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from tests.e2e.http.conftest import ORDERS, Served
from tests.e2e.http.open_transactions import postgres_busy_backends, sqlite_snapshot_held
from tests.support.waiting import eventually


def _plain_dsn(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def _count_orders(base_url: str) -> int:
    with (
        httpx.Client(base_url=base_url, timeout=60.0) as client,
        client.stream("GET", "/orders/stream") as rows,
    ):
        return sum(1 for line in rows.iter_lines() if line)


def test_the_sqlite_check_sees_a_reader(sqlite_served: Served) -> None:
    """The check used below is not blind: a reader holding a snapshot makes it report one."""
    import sqlite3

    assert sqlite_served.sqlite_path is not None
    reader = sqlite3.connect(sqlite_served.sqlite_path)
    try:
        rows = reader.execute("SELECT id FROM orders")  # an unfinished statement keeps its snapshot
        rows.fetchone()
        assert sqlite_snapshot_held(sqlite_served.sqlite_path)
        rows.close()
    finally:
        reader.close()
    assert eventually(lambda: not sqlite_snapshot_held(Path(str(sqlite_served.sqlite_path))))


def test_sqlite_is_released_when_the_client_leaves_midway(sqlite_served: Served) -> None:
    path = sqlite_served.sqlite_path
    assert path is not None
    assert eventually(lambda: not sqlite_snapshot_held(path)), "a reader was open before the test"
    with (
        httpx.Client(base_url=sqlite_served.base_url, timeout=30.0) as client,
        client.stream("GET", "/orders/stream") as response,
    ):
        chunks = response.iter_bytes()
        assert next(chunks)
        assert sqlite_snapshot_held(path), "the server should be mid-stream, holding its cursor"
    # Leaving the block closed the connection with most of the stream unread.
    assert eventually(lambda: not sqlite_snapshot_held(path))
    assert httpx.get(f"{sqlite_served.base_url}/readyz").status_code == 200
    assert _count_orders(sqlite_served.base_url) == ORDERS


@pytest.mark.postgres
def test_postgres_is_released_when_the_client_leaves_midway(postgres_served: Served) -> None:
    dsn = _plain_dsn(postgres_served.database_url)
    assert eventually(lambda: not postgres_busy_backends(dsn)), "a backend was busy before the test"
    with (
        httpx.Client(base_url=postgres_served.base_url, timeout=30.0) as client,
        client.stream("GET", "/orders/stream") as response,
    ):
        chunks = response.iter_bytes()
        assert next(chunks)
        assert postgres_busy_backends(dsn), "the server should be mid-stream, inside its transaction"
    assert eventually(lambda: not postgres_busy_backends(dsn)), postgres_busy_backends(dsn)
    assert httpx.get(f"{postgres_served.base_url}/readyz").status_code == 200
    assert _count_orders(postgres_served.base_url) == ORDERS
