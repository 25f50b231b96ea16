"""Fixtures of the SQLAlchemy adapter tests: migrated SQLite files and PostgreSQL databases of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.support import servers

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy import Engine


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'nested' / 'catalog.db'}"


@pytest.fixture
def fresh_postgres_url() -> Iterator[str]:
    """An empty database for one test: migrations go up and down, so no other test may share it."""
    yield from servers.fresh_postgres_database()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, sqlite_url: str) -> str:
    if request.param == "sqlite":
        return sqlite_url
    url: str = request.getfixturevalue("fresh_postgres_url")
    return url


@pytest.fixture
def migrated_engine(database_url: str) -> Iterator[Engine]:
    upgrade_to_head(database_url)
    engine = create_database_engine(database_url)
    yield engine
    engine.dispose()
