"""The OrderAnalytics contract suite runs against the in-memory fake, SQLite and PostgreSQL.

Each test gets a `store` harness (tests/support/analytics_stores.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, text

from tests.support.analytics_stores import FakeStore, SqlStore, Store
from tests.support.migrated_engines import fresh_migrated_postgres_engine, migrated_engine

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="session")
def analytics_postgres_engine() -> Iterator[Engine]:
    """A database of its own (other suites share `postgres_url`), migrated once; tests empty it."""
    yield from fresh_migrated_postgres_engine()


@pytest.fixture(params=["fake", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "fake":
        yield FakeStore()
        return
    if request.param == "sqlite":
        for engine in migrated_engine(f"sqlite:///{tmp_path / 'analytics.db'}"):
            yield SqlStore(engine)
        return
    engine = request.getfixturevalue("analytics_postgres_engine")
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE orders, products CASCADE"))
    yield SqlStore(engine)
