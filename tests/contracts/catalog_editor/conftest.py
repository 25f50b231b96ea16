"""The catalog editor contract runs against the in-memory fake, SQLite and PostgreSQL."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import text

from spacetime_service.adapters.sqlalchemy.catalog.catalog_editor import SqlAlchemyCatalogEditor
from tests.fakes.catalog_editor import FakeCatalogEditor
from tests.support.migrated_engines import fresh_migrated_postgres_engine, migrated_engine

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy import Engine

    from spacetime_service.application.ports.catalog_editor import CatalogEditor


@pytest.fixture(scope="session")
def editor_postgres_engine() -> Iterator[Engine]:
    yield from fresh_migrated_postgres_engine()


@pytest.fixture(params=["fake", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def editor(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CatalogEditor]:
    if request.param == "fake":
        yield FakeCatalogEditor()
        return
    if request.param == "sqlite":
        for engine in migrated_engine(f"sqlite:///{tmp_path / 'catalog.db'}"):
            yield SqlAlchemyCatalogEditor(engine)
        return
    engine = request.getfixturevalue("editor_postgres_engine")
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE order_idempotency_keys, orders, products RESTART IDENTITY"))
    yield SqlAlchemyCatalogEditor(engine)
