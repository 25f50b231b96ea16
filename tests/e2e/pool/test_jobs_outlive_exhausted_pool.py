"""A report and a training run on the job pool from start to end while stalled clients hold every
connection of the HTTP pool: both succeed, the report's bytes equal those of the same report made with
no stalled clients, new requests meanwhile are 503 problem+json with Retry-After, and the service
serves again once the stalled clients leave.

Locks taken by the test order the steps, never timing. Two bulk updates held by a lock on the products
fill the runner's slots, so that the report and the training stay queued while the test locks the
orders (submitting a training reads the orders). When the bulk updates go ahead, the runner takes the
report and the training, which both wait on the orders while the 503s are observed, and do all their
work once the orders are free, the HTTP pool still exhausted.
"""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

import httpx
import psycopg
import pytest

from tests.support import servers
from tests.support.job_waiting import wait_for_end
from tests.support.postgres_probes import job_status, waiting_locks
from tests.support.refusals import assert_pool_refuses, assert_unavailable
from tests.support.seed import seed
from tests.support.stalled_clients import stall
from tests.support.uvicorn_server import live_server
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator

POOL_SIZE = 2
RUNNER_SLOTS = 2
# Enough products that their NDJSON cannot fit in the socket buffers of a client that stops reading.
PRODUCTS = 60_000
# Two days of orders (one every 30 s): a small report and a short training.
ORDERS = 5_000
SERVER_ENV = {
    "SPACETIME_CURSOR_SECRET": "e2e-jobs-outlive-pool",
    "SPACETIME_MAX_STREAMS_PER_CLIENT": "10",
    "SPACETIME_FETCH_ROWS": "500",
    "SPACETIME_EXPORT_BACKENDS": "1",
    "SPACETIME_DB_POOL_SIZE": str(POOL_SIZE),
    "SPACETIME_DB_MAX_OVERFLOW": "0",
    "SPACETIME_DB_POOL_TIMEOUT_SECONDS": "1",
    "SPACETIME_MAX_CONCURRENT_JOBS": str(RUNNER_SLOTS),
    "SPACETIME_POLL_SECONDS": "0.2",
}
REPORT = {"kind": "daily_stats", "start_date": "2024-12-30", "end_date": "2025-01-05"}
TRAINING = {"task": "order_returned", "epochs": 2, "chunk_rows": 1000}
BULK_UPDATE = {"filter": {"min_id": 1, "max_id": 50}, "operation": {"type": "add_stock", "delta": 1}}


@pytest.fixture(scope="module")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    for url in servers.fresh_postgres_database():
        seed(url, product_count=PRODUCTS, order_count=ORDERS)
        with live_server(url, tmp_path_factory.mktemp("e2e-jobs-pool"), SERVER_ENV) as base_url:
            yield base_url, url.replace("postgresql+psycopg://", "postgresql://", 1)


def _accepted(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 202, response.text
    body: dict[str, Any] = response.json()
    return body


def _bulk_update(client: httpx.Client) -> str:
    job_id: str = _accepted(client.post("/products/bulk-update", json=BULK_UPDATE))["id"]
    return job_id


def _statuses(dsn: str, job_ids: list[str]) -> list[str]:
    return [job_status(dsn, job_id) for job_id in job_ids]


def _waiting_on(dsn: str, table: str, count: int) -> bool | None:
    return True if waiting_locks(dsn, table) >= count else None


def _download(client: httpx.Client, report_id: str) -> bytes:
    response = client.get(f"/reports/{report_id}/download")
    assert response.status_code == 200, response.text
    return response.content


@pytest.mark.postgres
def test_a_report_and_a_training_run_whole_while_the_http_pool_is_exhausted(
    postgres_server: tuple[str, str],
) -> None:
    base_url, dsn = postgres_server
    with httpx.Client(base_url=base_url, timeout=30.0) as client, ExitStack() as stalls:
        with psycopg.connect(dsn) as products_lock, psycopg.connect(dsn) as orders_lock:
            products_lock.execute("LOCK TABLE products IN SHARE MODE")
            blockers = [_bulk_update(client) for _ in range(RUNNER_SLOTS)]
            wait_until(
                lambda: _waiting_on(dsn, "products", RUNNER_SLOTS), "the bulk updates filling the runner"
            )
            report_id = _accepted(client.post("/reports/generate", json=REPORT))["id"]
            training_id = _accepted(client.post("/ml/train", json=TRAINING))["job"]["id"]
            jobs = [report_id, training_id]
            assert _statuses(dsn, jobs) == ["queued", "queued"]

            orders_lock.execute("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE")
            for _ in range(POOL_SIZE):
                stall(stalls, base_url, "/products/stream")
            products_lock.rollback()  # the bulk updates end, and the runner takes the report and the training
            wait_until(lambda: _waiting_on(dsn, "orders", len(jobs)), "both jobs waiting on the orders")
            assert _statuses(dsn, jobs) == ["running", "running"]

            assert_pool_refuses(client)
            assert _statuses(dsn, jobs) == ["running", "running"]  # so they ran through the 503s
            orders_lock.rollback()

        wait_until(
            lambda: True if _statuses(dsn, jobs) == ["succeeded", "succeeded"] else None,
            "the report and the training succeeding",
        )
        assert_unavailable(client.get(f"/jobs/{report_id}"))  # the stalled clients held the pool throughout
        stalls.close()

        wait_until(lambda: True if client.get("/products/1").status_code == 200 else None, "serving again")
        assert _statuses(dsn, blockers) == ["succeeded", "succeeded"]
        assert client.get(f"/jobs/{report_id}").json()["status"] == "succeeded"
        assert client.get(f"/ml/models/{training_id}/status").json()["status"] == "ready"
        reference_id = _accepted(client.post("/reports/generate", json=REPORT))["id"]
        assert wait_for_end(client, reference_id)["status"] == "succeeded"
        report = _download(client, report_id)
        assert report == _download(client, reference_id)
        assert len(report.splitlines()) == 1 + 7  # the header and every day of the range
