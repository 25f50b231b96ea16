"""Real uvicorn servers over a small catalog on SQLite and PostgreSQL, for the requests whose values
would otherwise reach SQL out of range: every one must be answered as a 4xx problem, never a 500."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from tests.support import servers
from tests.support.seed import seed
from tests.support.uvicorn_server import live_server

if TYPE_CHECKING:
    from collections.abc import Iterator

SERVER_ENV = {"SPACETIME_CURSOR_SECRET": "client-input-secret", "SPACETIME_MAX_JSON_BODY_BYTES": "65536"}


@pytest.fixture(scope="package")
def sqlite_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("client-input-sqlite")
    url = f"sqlite:///{workdir / 'catalog.db'}"
    seed(url, product_count=40, order_count=200)
    with live_server(url, workdir, SERVER_ENV) as base_url:
        yield base_url


@pytest.fixture(scope="package")
def postgres_base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    for url in servers.fresh_postgres_database():
        seed(url, product_count=40, order_count=200)
        with live_server(url, tmp_path_factory.mktemp("client-input-postgres"), SERVER_ENV) as base_url:
            yield base_url


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def client(request: pytest.FixtureRequest) -> Iterator[httpx.Client]:
    base_url: str = request.getfixturevalue(f"{request.param}_base_url")
    with httpx.Client(base_url=base_url, timeout=30.0) as client:
        yield client
