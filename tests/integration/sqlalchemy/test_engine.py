"""The engine: SQLite is set up for durability and concurrency; URLs pick the right driver."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, text

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine, database_engine

if TYPE_CHECKING:
    from pathlib import Path


def _end(resource: Iterator[Engine]) -> None:
    """Ends the resource: `database_engine` is a generator function, so closing its generator runs the
    cleanup after its `yield`."""
    assert isinstance(resource, Generator)
    resource.close()


def test_sqlite_connections_use_wal_full_sync_foreign_keys_and_a_busy_timeout(tmp_path: Path) -> None:
    resource = database_engine(f"sqlite:///{tmp_path / 'a' / 'b' / 'db.sqlite'}")
    engine = next(resource)
    with engine.connect() as connection:
        pragmas = {
            name: connection.execute(text(f"PRAGMA {name}")).scalar_one()
            for name in ("journal_mode", "synchronous", "foreign_keys", "busy_timeout")
        }
    _end(resource)

    assert pragmas == {"journal_mode": "wal", "synchronous": 2, "foreign_keys": 1, "busy_timeout": 5000}
    assert (tmp_path / "a" / "b" / "db.sqlite").exists()


def test_the_resource_disposes_of_its_pool(tmp_path: Path) -> None:
    resource = database_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    engine = next(resource)
    with engine.connect():
        pass
    assert engine.pool.checkedin() == 1  # type: ignore[attr-defined]

    _end(resource)

    assert engine.pool.checkedin() == 0  # type: ignore[attr-defined]


def test_a_postgresql_url_without_a_driver_uses_psycopg() -> None:
    engine = create_database_engine("postgresql://user@127.0.0.1/db")

    assert engine.dialect.driver == "psycopg"
    engine.dispose()


def test_other_databases_are_refused() -> None:
    with pytest.raises(ValueError, match="unsupported"):
        create_database_engine("mysql://user@localhost/db")
