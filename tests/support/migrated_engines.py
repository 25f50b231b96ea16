"""Engines over databases migrated to the newest schema, for the SQL variants of the contract suites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.support import servers

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine


def migrated_engine(url: str) -> Iterator[Engine]:
    """An engine over `url` after migrating it to head; disposed of afterwards."""
    upgrade_to_head(url)
    engine = create_database_engine(url)
    try:
        yield engine
    finally:
        engine.dispose()


def fresh_migrated_postgres_engine() -> Iterator[Engine]:
    """A PostgreSQL database of its own (other suites share `postgres_url`), migrated once."""
    for url in servers.fresh_postgres_database():
        yield from migrated_engine(url)
