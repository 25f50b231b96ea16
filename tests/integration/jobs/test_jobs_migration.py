"""Revision 0002 creates the jobs table as `jobs/tables.py` declares it, and steps back cleanly."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import alembic_config, current_revision
from spacetime_service.adapters.sqlalchemy.schema.metadata import metadata
from tests.support import servers
from tests.support.jobs.sql_databases import sqlite_url

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@contextmanager
def _empty_database(backend: str, tmp_path: Path) -> Iterator[str]:
    if backend == "sqlite":
        yield sqlite_url(tmp_path / "stairway.db")
        return
    # A database of its own: the session's shared one must stay at head for the other tests.
    yield from servers.fresh_postgres_database()


BACKENDS = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_jobs_revision_upgrades_downgrades_and_upgrades_again(backend: str, tmp_path: Path) -> None:
    with _empty_database(backend, tmp_path) as url:
        config = alembic_config(url)
        engine = create_database_engine(url)
        try:
            command.upgrade(config, "0002")
            assert "jobs" in inspect(engine).get_table_names()
            command.downgrade(config, "0001")
            assert "jobs" not in inspect(engine).get_table_names()
            assert current_revision(engine) == "0001"
            command.upgrade(config, "head")
            assert "jobs" in inspect(engine).get_table_names()
        finally:
            engine.dispose()


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_jobs_table_matches_its_model(backend: str, tmp_path: Path) -> None:
    with _empty_database(backend, tmp_path) as url:
        command.upgrade(alembic_config(url), "head")
        engine = create_database_engine(url)
        try:
            with engine.connect() as connection:
                context = MigrationContext.configure(connection, opts={"compare_type": True})
                differences = compare_metadata(context, metadata)
        finally:
            engine.dispose()

    assert [change for change in differences if _table_of(change) == "jobs"] == []


def _table_of(change: Any) -> str | None:
    """The table an autogenerate difference concerns (differences of columns come in lists)."""
    first = change[0] if isinstance(change, list) else change
    for part in first[1:]:
        table = getattr(part, "table", None)
        if table is not None and hasattr(table, "name"):
            return str(table.name)
        if getattr(part, "name", None) is not None and hasattr(part, "columns") and hasattr(part, "c"):
            return str(part.name)
        if isinstance(part, str) and part == "jobs":
            return part
    return None
