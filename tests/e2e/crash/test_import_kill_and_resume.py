"""The API process is killed (SIGKILL) in the middle of a product import; a new process takes over the
expired lease and finishes it. Afterwards every row of the upload is in the catalog exactly once with
its values, the counts add up, and the staged upload is gone."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

import httpx
import pytest
from sqlalchemy import Engine, text

from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource
from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.application.demo.seed_demo_data import SeedDemoData, SeedDemoDataCommand
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.jobs.status import JobStatus
from tests.support import servers
from tests.support.job_waiting import wait_for, wait_for_end
from tests.support.uvicorn_server import UvicornServer

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]

CATALOG = 2_000
NEW = 48_000
SERVER_ENV = {
    # A dead server's jobs are taken over within one lease plus one poll.
    "SPACETIME_LEASE_SECONDS": "4",
    "SPACETIME_HEARTBEAT_SECONDS": "1",
    "SPACETIME_POLL_SECONDS": "1",
    "SPACETIME_CURSOR_SECRET": "crash-test-secret",
    # Many small chunks, so that the kill lands between two of them.
    "SPACETIME_CHUNK_STRATEGY": "fixed",
    "SPACETIME_FIXED_CHUNK_ROWS": "25",
    "SPACETIME_IMPORT_MIN_CHUNK_ROWS": "1",
    "SPACETIME_IMPORT_MAX_ROWS": "100000",
}
Values = tuple[str, str, str, Decimal, int]


def _seed(url: str) -> None:
    upgrade_to_head(url)
    engine = create_database_engine(url)
    try:
        loader = SqlAlchemyCatalogLoader(engine)
        SeedDemoData(NumpyDemoDataSource(), loader).execute(SeedDemoDataCommand(CATALOG, 100, 3))
    finally:
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'import-crash.db'}"
        _seed(url)
        yield url
        return
    for url in servers.fresh_postgres_database():
        _seed(url)
        yield url


def _catalog(engine: Engine) -> dict[str, Values]:
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT sku, name, description, category, price, stock FROM products"))
        return {
            sku: (name, text_, category, Decimal(cents) / 100, stock)
            for sku, name, text_, category, cents, stock in rows
        }


def _upload(existing: list[str]) -> tuple[bytes, dict[str, Values]]:
    expected: dict[str, Values] = {}
    for index, sku in enumerate(existing):
        expected[sku] = (
            f"Renamed {index}",
            "",
            CATEGORIES[index % 10],
            Decimal(index % 500) + Decimal("0.5"),
            9,
        )
    for index in range(NEW):
        price = Decimal(index % 1000) + Decimal(index % 100) / 100
        expected[f"IMP-{index:06d}"] = (
            f"Imported {index}",
            f"row {index}",
            CATEGORIES[index % 10],
            price,
            index % 50,
        )
    lines = [
        json.dumps({"sku": sku, "name": n, "description": d, "category": c, "price": str(p), "stock": s})
        for sku, (n, d, c, p, s) in expected.items()
    ]
    return ("\n".join(lines) + "\n").encode(), expected


def test_a_killed_server_resumes_its_import_and_applies_every_row_once(
    database_url: str, tmp_path: Path
) -> None:
    engine = create_database_engine(database_url)
    server = UvicornServer(database_url, tmp_path, SERVER_ENV)
    try:
        before = _catalog(engine)
        body, expected = _upload(sorted(before))
        headers = {"Content-Type": "application/x-ndjson", "Idempotency-Key": "crash-import"}

        with httpx.Client(base_url=server.start(), timeout=120.0) as client:
            submitted = client.post("/products/import", content=body, headers=headers)
            assert submitted.status_code == 202, submitted.text
            job_id = submitted.json()["id"]
            wait_for(client, job_id, done_at_least=1)
        server.kill()

        killed = SqlAlchemyJobRepository(engine).get(job_id)
        assert killed is not None
        assert killed.status is JobStatus.RUNNING, "the import ended before the kill; nothing was tested"
        assert killed.checkpoint is not None
        assert 0 < killed.progress.done < len(expected)

        with httpx.Client(base_url=server.start(), timeout=120.0) as client:
            ended = wait_for_end(client, job_id, deadline_seconds=300.0)

        assert (ended["status"], ended["attempt"]) == ("succeeded", 2)
        assert json.loads(ended["result_ref"]) == {"inserted": NEW, "updated": CATALOG, "unchanged": 0}
        assert ended["progress"]["done"] == ended["progress"]["total"] == len(expected)
        assert _catalog(engine) == expected
        assert [path.name for path in (tmp_path / "var" / "imports").iterdir()] == []
    finally:
        server.stop()
        engine.dispose()
