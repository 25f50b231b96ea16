"""One real uvicorn server (with the report, bulk-update and import handlers) over a small seeded SQLite
catalog; tests also move job records of their own through the same database, as a worker would."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.sqlalchemy.jobs.transactions import begin_writing
from tests.support.access import api_key, bearer
from tests.support.jobs.job_records import JobDriver
from tests.support.seed import seed
from tests.support.uvicorn_server import UvicornServer

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine

    from spacetime_service.domain.jobs.job import Job

PRODUCTS = 500
# An order every 30 s from 2025-01-01: about seven days of history.
ORDERS = 20_000
MAX_STREAMS_PER_CLIENT = 2
SERVER_ENV = {
    "SPACETIME_CURSOR_SECRET": "e2e-jobs-secret",
    "SPACETIME_MAX_STREAMS_PER_CLIENT": str(MAX_STREAMS_PER_CLIENT),
    "SPACETIME_SSE_PING_SECONDS": "1",
    "SPACETIME_WORKER_ID": "e2e-jobs-server",
    "SPACETIME_POLL_SECONDS": "0.2",
    "SPACETIME_IMPORT_MAX_ROWS": "1000",
    "SPACETIME_IMPORT_MIN_CHUNK_ROWS": "1",
}


@dataclass(frozen=True)
class JobServer:
    base_url: str
    jobs: JobDriver
    engine: Engine
    _keys: dict[str, str] = field(default_factory=dict)

    def as_owner(self, owner: str) -> dict[str, str]:
        """The Authorization header of a real API key of `owner` (one per owner, every scope but admin)."""
        if owner not in self._keys:
            self._keys[owner] = api_key(self.engine, owner)
        return bearer(self._keys[owner])

    def running(self, *, owner: str, kind: str) -> Job:
        """A job of a kind the server runs, created and leased by the test in one transaction: the
        server's runner, which polls the same database, never sees it queued and cannot take it."""
        with self.engine.connect() as connection:
            begin_writing(connection)
            job = JobDriver(SqlAlchemyJobRepository(connection)).create_started(owner=owner, kind=kind)
            connection.commit()
        return job


@pytest.fixture(scope="package")
def job_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[JobServer]:
    workdir = tmp_path_factory.mktemp("e2e-jobs")
    url = f"sqlite:///{workdir / 'jobs.db'}"
    seed(url, product_count=PRODUCTS, order_count=ORDERS)
    engine = create_database_engine(url)
    server = UvicornServer(url, workdir, SERVER_ENV)
    try:
        yield JobServer(server.start(), JobDriver(SqlAlchemyJobRepository(engine)), engine)
    finally:
        server.stop()
        engine.dispose()
