"""Adapters report transient faults as `Unavailable`, which the job engine retries: a pool with no
connection free in time, a connection the server terminated, a full disk."""

from __future__ import annotations

import errno
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import create_engine, text

from spacetime_service.adapters.disk_faults import translated_disk_errors
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.application.jobs.retry_policy import RetryPolicy
from spacetime_service.domain.errors import Unavailable
from tests.support.jobs.sql_databases import migrated_url

if TYPE_CHECKING:
    from pathlib import Path


def test_a_pool_with_no_connection_free_in_time_is_unavailable(request: pytest.FixtureRequest) -> None:
    url = migrated_url(request, "sqlite")
    engine = create_engine(url, pool_size=1, max_overflow=0, pool_timeout=0.05)
    repository = SqlAlchemyJobRepository(engine)
    try:
        with engine.connect(), pytest.raises(Unavailable) as raised:  # holds the pool's one connection
            repository.get("any")
    finally:
        engine.dispose()
    assert RetryPolicy.is_transient(raised.value)


@pytest.mark.postgres
def test_a_connection_the_server_terminated_is_unavailable(request: pytest.FixtureRequest) -> None:
    engine = create_database_engine(migrated_url(request, "postgresql"))
    try:
        with engine.connect() as connection:
            pid = connection.execute(text("SELECT pg_backend_pid()")).scalar_one()
            with engine.connect() as other:
                other.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
            repository = SqlAlchemyJobRepository(connection)
            with pytest.raises(Unavailable) as raised:
                repository.get("any")
    finally:
        engine.dispose()
    assert RetryPolicy.is_transient(raised.value)


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_a_full_disk_is_unavailable(code: int) -> None:
    with pytest.raises(Unavailable) as raised, translated_disk_errors():
        raise OSError(code, "full")
    assert errno.errorcode[code] in raised.value.detail


def test_other_file_errors_stay_the_callers(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError), translated_disk_errors():
        (tmp_path / "missing" / "file").write_bytes(b"x")
