"""The API-key stores the contract suite runs against: the in-memory fake, a migrated SQLite file, and
the session's migrated PostgreSQL database (emptied of keys before each test)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import delete

from spacetime_service.adapters.sqlalchemy.api_keys.store import SqlAlchemyApiKeyStore
from spacetime_service.adapters.sqlalchemy.api_keys.tables import api_keys
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from tests.fakes.api_keys import InMemoryApiKeyStore
from tests.support.jobs.sql_databases import migrated_url

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ports.api_key_store import ApiKeyStore

BACKENDS = ["fake", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[ApiKeyStore]:
    if request.param == "fake":
        yield InMemoryApiKeyStore()
        return
    engine = create_database_engine(migrated_url(request, request.param))
    try:
        with engine.begin() as connection:
            connection.execute(delete(api_keys))
        yield SqlAlchemyApiKeyStore(engine)
    finally:
        engine.dispose()
