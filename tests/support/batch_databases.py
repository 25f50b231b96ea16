"""Fixtures of migrated databases (SQLite per test, PostgreSQL per session) holding the batch dataset.

The integration packages of bulk updates and reports re-export them from their conftest."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests import servers
from tests.support import batch_datasets as datasets
from tests.support.batch_harness import SqlBatchHarness


@pytest.fixture(scope="session")
def batch_integration_postgres() -> Iterator[Engine]:
    for url in servers.fresh_postgres_database():
        upgrade_to_head(url)
        engine = create_database_engine(url)
        yield engine
        engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlBatchHarness]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'batch.db'}"
        upgrade_to_head(url)
        engine = create_database_engine(url)
    else:
        engine = request.getfixturevalue("batch_integration_postgres")
        with engine.begin() as connection:
            connection.execute(text("TRUNCATE jobs, orders, products"))
    harness = SqlBatchHarness(engine)
    harness.load(datasets.products(200), datasets.orders(200))
    yield harness
    if request.param == "sqlite":
        engine.dispose()
