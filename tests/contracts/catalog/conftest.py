"""The catalog contract suite runs against the in-memory fake, SQLite and PostgreSQL.

Each test gets a `catalog` harness: `load` stores a dataset, `uow()` opens a unit of work over it,
and `connections_in_use()` / `running_queries()` tell whether a closed stream released everything.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.pool import QueuePool

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from spacetime_service.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from tests.contracts.catalog.datasets import Catalog
from tests.fakes.catalog import FakeUnitOfWork
from tests.support.migrated_engines import fresh_migrated_postgres_engine, migrated_engine

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from spacetime_service.application.ports.unit_of_work import UnitOfWork

FETCH_ROWS = 100


class FakeHarness:
    def __init__(self) -> None:
        self._catalog = Catalog((), ())

    def load(self, catalog: Catalog) -> None:
        self._catalog = catalog

    def uow(self) -> UnitOfWork:
        return FakeUnitOfWork(self._catalog.products, self._catalog.orders)

    def connections_in_use(self) -> int:
        return 0

    def running_queries(self) -> list[str]:
        return []


class SqlHarness:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def load(self, catalog: Catalog) -> None:
        with self.engine.begin() as connection:
            if catalog.products:
                connection.execute(products.insert(), [_fields(p) for p in catalog.products])
            if catalog.orders:
                rows = [{**_fields(o), "status": o.status.value} for o in catalog.orders]
                connection.execute(orders.insert(), rows)

    def uow(self) -> UnitOfWork:
        return SqlAlchemyUnitOfWork(self.engine, FETCH_ROWS)

    def connections_in_use(self) -> int:
        pool = self.engine.pool
        return pool.checkedout() if isinstance(pool, QueuePool) else 0

    def running_queries(self) -> list[str]:
        if self.engine.dialect.name != "postgresql":
            return []
        with self.engine.connect() as connection:
            return list(
                connection.execute(
                    text(
                        "SELECT query FROM pg_stat_activity WHERE datname = current_database()"
                        " AND pid <> pg_backend_pid() AND state <> 'idle'"
                    )
                ).scalars()
            )


def _fields(entity: object) -> dict[str, object]:
    return {name: getattr(entity, name) for name in entity.__slots__}  # type: ignore[attr-defined]


@pytest.fixture(scope="session")
def catalog_postgres_engine() -> Iterator[Engine]:
    """A database of its own (other suites share `postgres_url`), migrated once; tests empty it."""
    yield from fresh_migrated_postgres_engine()


Harness = FakeHarness | SqlHarness


@pytest.fixture(
    params=["fake", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def catalog(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Harness]:
    if request.param == "fake":
        yield FakeHarness()
        return
    if request.param == "sqlite":
        for engine in migrated_engine(f"sqlite:///{tmp_path / 'catalog.db'}"):
            yield SqlHarness(engine)
        return
    engine = request.getfixturevalue("catalog_postgres_engine")
    with engine.begin() as connection:
        connection.execute(text("TRUNCATE orders, products"))
    yield SqlHarness(engine)
