"""Real uvicorn servers with the analytics routes over a seeded SQLite file: one with an ordinary
memory budget, and one whose budget is below what the process already uses (pressure critical)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from tests.support.seed import seed
from tests.support.uvicorn_server import live_server

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

ORDERS = 20_000
SERVER_ENV = {"SPACETIME_CURSOR_SECRET": "e2e-secret", "SPACETIME_MAX_STREAMS_PER_CLIENT": "1"}


@pytest.fixture(scope="package")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("e2e-analytics") / "catalog.db"
    url = f"sqlite:///{path}"
    seed(url, product_count=300, order_count=ORDERS)
    return url


@pytest.fixture(scope="package")
def base_url(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("e2e-analytics-server")
    env = {**SERVER_ENV, "SPACETIME_EXTERNAL_STORAGE": str(workdir / "spill"), "SPACETIME_SORT_MEMORY": "1MB"}
    with live_server(database_url, workdir, env) as url:
        yield url


@pytest.fixture(scope="package")
def starved_url(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A 2 MB budget: any Python process is past 95 % of it, so pressure reads critical."""
    workdir: Path = tmp_path_factory.mktemp("e2e-analytics-starved")
    env = {**SERVER_ENV, "SPACETIME_MEMORY_LIMIT": "2MB", "SPACETIME_SORT_MEMORY": "1MB"}
    with live_server(database_url, workdir, env) as url:
        yield url
