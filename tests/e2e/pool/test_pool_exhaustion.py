"""Clients that stop reading streams hold every connection of the HTTP pool: other requests are then
answered 503 problem+json with Retry-After (never a 500, never a wait past the pool timeout), a job keeps
running on the job pool, and everything answers 200 again once the stalled clients leave.

On PostgreSQL a lock taken by the test holds the job inside its update until every HTTP connection is
taken, so the job provably runs while the HTTP pool is exhausted.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING

import httpx
import psycopg
import pytest

from tests.support import servers
from tests.support.postgres_probes import job_status, waiting_locks
from tests.support.refusals import assert_pool_refuses, assert_unavailable
from tests.support.seed import seed
from tests.support.stalled_clients import stall
from tests.support.uvicorn_server import live_server
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator

POOL_SIZE = 2
# Enough orders that their NDJSON cannot fit in the socket buffers: a client that stops reading leaves
# the server mid-stream, holding its connection.
ORDERS = 200_000
SERVER_ENV = {
    "SPACETIME_CURSOR_SECRET": "e2e-pool-secret",
    "SPACETIME_MAX_STREAMS_PER_CLIENT": "10",
    "SPACETIME_FETCH_ROWS": "500",
    "SPACETIME_EXPORT_BACKENDS": "1",
    "SPACETIME_DB_POOL_SIZE": str(POOL_SIZE),
    "SPACETIME_DB_MAX_OVERFLOW": "0",
    "SPACETIME_DB_POOL_TIMEOUT_SECONDS": "1",
    "SPACETIME_DB_JOB_POOL_SIZE": "2",
    "SPACETIME_POLL_SECONDS": "0.2",
}
UPDATE = {"filter": {"min_id": 1, "max_id": 50}, "operation": {"type": "add_stock", "delta": 7}}


@pytest.fixture(scope="module")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    for url in servers.fresh_postgres_database():
        seed(url, product_count=500, order_count=ORDERS)
        with live_server(url, tmp_path_factory.mktemp("e2e-pool-pg"), SERVER_ENV) as base_url:
            yield base_url, url.replace("postgresql+psycopg://", "postgresql://", 1)


@pytest.fixture(scope="module")
def sqlite_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("e2e-pool-sqlite")
    url = f"sqlite:///{workdir / 'pool.db'}"
    seed(url, product_count=500, order_count=ORDERS)
    with live_server(url, workdir, SERVER_ENV) as base_url:
        yield base_url


def _assert_serves_again(client: httpx.Client) -> None:
    wait_until(
        lambda: True if client.get("/products/1").status_code == 200 else None, "the pool serving again"
    )
    with client.stream("GET", "/products/stream") as stream:
        assert stream.status_code == 200
        assert sum(1 for line in stream.iter_lines() if line) == 500


@pytest.mark.postgres
def test_postgres_exhausted_pool_is_503_while_a_job_runs_on_its_own_pool(
    postgres_server: tuple[str, str],
) -> None:
    base_url, dsn = postgres_server
    with httpx.Client(base_url=base_url, timeout=30.0) as client, ExitStack() as stalls:
        before = client.get("/products/1").json()["stock"]
        with psycopg.connect(dsn) as lock_holder:
            lock_holder.execute("LOCK TABLE products IN SHARE MODE")
            for _ in range(POOL_SIZE - 1):
                stall(stalls, base_url)
            submitted = client.post("/products/bulk-update", json=UPDATE)
            assert submitted.status_code == 202, submitted.text
            job_id = submitted.json()["id"]
            wait_until(lambda: True if waiting_locks(dsn) else None, "the job waiting on the lock")
            stall(stalls, base_url)

            assert_pool_refuses(client)
            lock_holder.rollback()  # the job's update goes ahead, on the job pool

        wait_until(lambda: True if job_status(dsn, job_id) == "succeeded" else None, "the job succeeding")
        assert_unavailable(client.get(f"/jobs/{job_id}"))  # the stalled clients still hold the pool
        stalls.close()

        _assert_serves_again(client)
        assert client.get(f"/jobs/{job_id}").json()["status"] == "succeeded"
        assert client.get("/products/1").json()["stock"] == before + 7


def test_sqlite_exhausted_pool_is_503_and_serves_again(sqlite_server: str) -> None:
    with httpx.Client(base_url=sqlite_server, timeout=30.0) as client:
        with ExitStack() as stalls:
            for _ in range(POOL_SIZE):
                stall(stalls, sqlite_server)
            assert_pool_refuses(client)
        _assert_serves_again(client)
