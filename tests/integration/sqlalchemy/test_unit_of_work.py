"""The unit of work: one transaction, committed explicitly, rolled back otherwise; errors translated."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Engine, func, select

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from spacetime_service.domain.errors import Unavailable

NOW = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)


def product_row(product_id: int, sku: str) -> dict[str, object]:
    return {
        "id": product_id, "sku": sku, "name": "n", "description": "", "category": "books",
        "price": Decimal("1.50"), "stock": 1, "created_at": NOW, "updated_at": NOW,
    }  # fmt: skip


def stored(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(products)).scalar_one())


def test_committed_work_stays_and_the_rest_is_rolled_back(migrated_engine: Engine) -> None:
    with SqlAlchemyUnitOfWork(migrated_engine, 100) as uow:
        uow.connection.execute(products.insert(), product_row(1, "A"))
        uow.commit()
        uow.connection.execute(products.insert(), product_row(2, "B"))

    assert stored(migrated_engine) == 1
    with SqlAlchemyUnitOfWork(migrated_engine, 100) as uow:
        assert uow.products.get(1) is not None
        assert uow.products.get(2) is None


def test_an_explicit_rollback_discards_the_work(migrated_engine: Engine) -> None:
    with SqlAlchemyUnitOfWork(migrated_engine, 100) as uow:
        uow.connection.execute(products.insert(), product_row(1, "A"))
        uow.rollback()
        uow.commit()

    assert stored(migrated_engine) == 0


def test_the_connection_goes_back_to_the_pool(migrated_engine: Engine) -> None:
    uow = SqlAlchemyUnitOfWork(migrated_engine, 100)
    with uow:
        assert migrated_engine.pool.checkedout() == 1  # type: ignore[attr-defined]

    assert migrated_engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    with pytest.raises(RuntimeError):
        _ = uow.connection


@pytest.mark.postgres
def test_an_unreachable_database_is_unavailable() -> None:
    engine = create_database_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    try:
        with pytest.raises(Unavailable), SqlAlchemyUnitOfWork(engine, 100):
            pass
    finally:
        engine.dispose()
