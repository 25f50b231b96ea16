"""The API process is killed (SIGKILL) in the middle of a bulk update over every product and a report
over every order; a new process takes over their expired leases and finishes both. Afterwards every
product changed exactly once, the report is byte for byte the one an uninterrupted run makes, and no
temporary file is left among the artifacts."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import httpx
import pytest

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.domain.jobs.status import JobStatus
from tests.e2e.crash.demo_catalog import PRODUCTS, order_days, seed_demo_catalog, stock_by_id
from tests.support import servers
from tests.support.job_waiting import wait_for, wait_for_end
from tests.support.uvicorn_server import UvicornServer

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

# Seeding and two full runs of each job; a busy machine takes several times longer than an idle one.
pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

DELTA = 7
SERVER_ENV = {
    # A dead server's jobs are taken over within one lease plus one poll.
    "SPACETIME_LEASE_SECONDS": "4",
    "SPACETIME_HEARTBEAT_SECONDS": "1",
    "SPACETIME_POLL_SECONDS": "1",
    "SPACETIME_CURSOR_SECRET": "crash-test-secret",
}


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'crash.db'}"
        seed_demo_catalog(url)
        yield url
        return
    for url in servers.fresh_postgres_database():
        seed_demo_catalog(url)
        yield url


def test_a_killed_server_resumes_its_jobs_and_every_effect_happens_once(
    database_url: str, tmp_path: Path
) -> None:
    engine = create_database_engine(database_url)
    server = UvicornServer(
        database_url, tmp_path, {**SERVER_ENV, "SPACETIME_EXTERNAL_STORAGE": str(tmp_path / "spill")}
    )
    try:
        original = stock_by_id(engine)
        first_day, last_day = order_days(engine)
        report = {
            "kind": "product_sales",
            "period": "day",
            "start_date": first_day.isoformat(),
            "end_date": last_day.isoformat(),
        }
        update = {"filter": {"min_id": 1}, "operation": {"type": "add_stock", "delta": DELTA}}

        with httpx.Client(base_url=server.start(), timeout=60.0) as client:
            bulk_id = _submitted(
                client.post("/products/bulk-update", json=update, headers={"Idempotency-Key": "b"})
            )
            report_id = _submitted(
                client.post("/reports/generate", json=report, headers={"Idempotency-Key": "r1"})
            )
            wait_for(client, bulk_id, done_at_least=1)
            wait_for(client, report_id, done_at_least=1)
        server.kill()

        repository = SqlAlchemyJobRepository(engine)
        for job_id in (bulk_id, report_id):
            killed = repository.get(job_id)
            assert killed is not None
            assert killed.status is JobStatus.RUNNING, (
                f"{killed.kind} ended before the kill; nothing was tested"
            )
            assert killed.checkpoint is not None

        with httpx.Client(base_url=server.start(), timeout=60.0) as client:
            # The same report once more, on a job of its own that nothing interrupts.
            uninterrupted_id = _submitted(
                client.post("/reports/generate", json=report, headers={"Idempotency-Key": "r2"})
            )
            bulk = wait_for_end(client, bulk_id)
            resumed_report = wait_for_end(client, report_id)
            assert (bulk["status"], bulk["attempt"]) == ("succeeded", 2)
            assert (resumed_report["status"], resumed_report["attempt"]) == ("succeeded", 2)
            resumed_bytes = client.get(f"/reports/{report_id}/download").content
            assert uninterrupted_id != report_id
            assert wait_for_end(client, uninterrupted_id)["attempt"] == 1
            uninterrupted = client.get(f"/reports/{uninterrupted_id}/download")

        assert stock_by_id(engine) == {product_id: stock + DELTA for product_id, stock in original.items()}
        assert bulk["progress"]["done"] == PRODUCTS
        assert resumed_bytes.count(b"\n") > 1000
        assert hashlib.sha256(resumed_bytes).hexdigest() == hashlib.sha256(uninterrupted.content).hexdigest()
        assert resumed_bytes == uninterrupted.content
        leftovers = sorted(
            path.name for path in (tmp_path / "artifacts").iterdir() if path.name.startswith(".")
        )
        assert leftovers == []
    finally:
        server.stop()
        engine.dispose()


def _submitted(response: httpx.Response) -> str:
    assert response.status_code == 202, response.text
    job_id: str = response.json()["id"]
    return job_id
