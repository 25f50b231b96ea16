"""Fixtures of the databases behind a BatchUnitOfWork, which the bulk update, report and import tests share.

`batch` is an empty harness (the in-memory fake, SQLite or PostgreSQL) for the contract suites;
`database` is a migrated SQLite (per test) or PostgreSQL (per session) database holding the batch dataset
for the integration tests. The packages re-export the fixtures they use from their conftest.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, text

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.support import batch_datasets as datasets
from tests.support import servers
from tests.support.batch_harness import BatchHarness, FakeBatchHarness, SqlBatchHarness
from tests.support.migrated_engines import fresh_migrated_postgres_engine, migrated_engine

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


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


@pytest.fixture(scope="session")
def batch_postgres_engine() -> Iterator[Engine]:
    """A database of its own, migrated once; each test empties it."""
    yield from fresh_migrated_postgres_engine()


@pytest.fixture(params=["fake", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def batch(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[BatchHarness]:
    if request.param == "fake":
        yield FakeBatchHarness()
        return
    if request.param == "sqlite":
        for engine in migrated_engine(f"sqlite:///{tmp_path / 'batch.db'}"):
            yield SqlBatchHarness(engine)
        return
    engine = request.getfixturevalue("batch_postgres_engine")
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE jobs, orders, products"))
    yield SqlBatchHarness(engine)
