"""The batch contract suite runs against the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from tests.migrated_engines import fresh_migrated_postgres_engine, migrated_engine
from tests.support.batch_harness import BatchHarness, FakeBatchHarness, SqlBatchHarness


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
