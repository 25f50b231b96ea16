"""Real uvicorn servers over real databases (SQLite file, and PostgreSQL when it is reachable)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import pytest

from tests.support import servers
from tests.support.seed import seed
from tests.support.uvicorn_server import live_server

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

PRODUCTS = 3_000
# Enough orders that their NDJSON (~25 MB) cannot fit in the socket buffers between server and client:
# a client that stops reading leaves the server mid-stream, holding its cursor.
ORDERS = 200_000
MAX_STREAMS_PER_CLIENT = 3

SERVER_ENV = {
    "SPACETIME_CURSOR_SECRET": "e2e-secret",
    "SPACETIME_MAX_STREAMS_PER_CLIENT": str(MAX_STREAMS_PER_CLIENT),
    "SPACETIME_FETCH_ROWS": "500",
}


@dataclass(frozen=True)
class Served:
    base_url: str
    database_url: str
    sqlite_path: Path | None = None


@pytest.fixture(scope="package")
def sqlite_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    workdir = tmp_path_factory.mktemp("e2e-sqlite")
    path = workdir / "catalog.db"
    url = f"sqlite:///{path}"
    seed(url, product_count=PRODUCTS, order_count=ORDERS)
    with live_server(url, workdir, SERVER_ENV) as base_url:
        yield Served(base_url, url, path)


@pytest.fixture(scope="package")
def postgres_served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    # A database of its own (the same helper as the `postgres_url` fixture, with the same skip/fail
    # rule): the shared session database may hold other suites' rows.
    for url in servers.fresh_postgres_database():
        seed(url, product_count=PRODUCTS, order_count=ORDERS)
        with live_server(url, tmp_path_factory.mktemp("e2e-postgres"), SERVER_ENV) as base_url:
            yield Served(base_url, url)
