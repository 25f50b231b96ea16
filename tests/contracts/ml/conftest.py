"""The registries the contract suite runs against: the in-memory fake, a migrated SQLite file, and a
migrated PostgreSQL database of the test session (emptied of model versions before each test)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import delete

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.model_registry.registry import SqlAlchemyModelRegistry
from spacetime_service.adapters.sqlalchemy.model_registry.tables import model_aliases, model_versions
from tests.fakes.ml_model_registry import InMemoryModelRegistry
from tests.support.jobs.sql_databases import migrated_url

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ports.model_registry import ModelRegistry

BACKENDS = ["fake", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def registry(request: pytest.FixtureRequest) -> Iterator[ModelRegistry]:
    if request.param == "fake":
        yield InMemoryModelRegistry()
        return
    engine = create_database_engine(migrated_url(request, request.param))
    try:
        with engine.begin() as connection:
            connection.execute(delete(model_aliases))
            connection.execute(delete(model_versions))
        yield SqlAlchemyModelRegistry(engine)
    finally:
        engine.dispose()
