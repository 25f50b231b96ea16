"""Migrated, empty job databases for the tests: a SQLite file per test (a copy of one migrated once
per session), and the session's PostgreSQL database, migrated once and emptied of jobs before each test."""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, delete

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.tables import jobs
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head

if TYPE_CHECKING:
    from collections.abc import Iterator

    import pytest

# Databases already at head in this session, by URL (or, for the SQLite template, by session temp dir).
_migrated: dict[str, str] = {}


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def migrated_url(request: pytest.FixtureRequest, backend: str) -> str:
    """A fresh SQLite file in the test's tmp_path, or the session's PostgreSQL database, at head."""
    if backend == "sqlite":
        target = request.getfixturevalue("tmp_path") / "jobs.db"
        shutil.copyfile(_sqlite_template(request.getfixturevalue("tmp_path_factory")), target)
        return sqlite_url(target)
    url: str = request.getfixturevalue("postgres_url")
    if url not in _migrated:
        upgrade_to_head(url)
        _migrated[url] = url
    return url


@contextmanager
def job_database(request: pytest.FixtureRequest, backend: str) -> Iterator[Engine]:
    """An engine on a migrated database without jobs; disposed of afterwards."""
    engine = create_database_engine(migrated_url(request, backend))
    try:
        with engine.begin() as connection:
            connection.execute(delete(jobs))
        yield engine
    finally:
        engine.dispose()


def _sqlite_template(factory: pytest.TempPathFactory) -> Path:
    key = str(factory.getbasetemp())
    if key not in _migrated:
        template = factory.mktemp("migrated") / "template.db"
        upgrade_to_head(sqlite_url(template))  # disposes its engine, which folds the WAL into the file
        _migrated[key] = str(template)
    return Path(_migrated[key])
