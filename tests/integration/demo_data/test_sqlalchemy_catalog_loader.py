"""The bulk loader against real SQLite files and the real PostgreSQL, read back through the repositories."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, insert, text
from sqlalchemy.exc import IntegrityError

from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource
from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from spacetime_service.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from spacetime_service.application.demo.seed_demo_data import SeedDemoData, SeedDemoDataCommand
from spacetime_service.application.ports.catalog_loader import OrderRows
from spacetime_service.application.ports.demo_data_source import DemoDataSpec
from spacetime_service.domain.errors import Conflict, Unavailable
from spacetime_service.domain.orders import OrderFilter, OrderStatus
from spacetime_service.domain.pagination import PageRequest, Sort

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

SOURCE = NumpyDemoDataSource()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    url = (
        f"sqlite:///{tmp_path / 'd.db'}"
        if request.param == "sqlite"
        else request.getfixturevalue("postgres_url")
    )
    upgrade_to_head(url)
    engine = create_database_engine(url)
    yield engine
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.exec_driver_sql("TRUNCATE orders, products")
    engine.dispose()


def _index_names(engine: Engine) -> set[str]:
    query = (
        "SELECT name FROM sqlite_master WHERE type = 'index'"
        if engine.dialect.name == "sqlite"
        else "SELECT indexname FROM pg_indexes WHERE tablename IN ('products', 'orders')"
    )
    with engine.connect() as connection:
        return set(connection.execute(text(query)).scalars())


def test_seeded_rows_read_back_through_the_repositories_as_generated(engine: Engine) -> None:
    SeedDemoData(SOURCE, SqlAlchemyCatalogLoader(engine), chunk_rows=333).execute(
        SeedDemoDataCommand(products=500, orders=3_000, seed=5)
    )
    generated = next(SOURCE.products(DemoDataSpec(500, 3_000, 5), 10))
    first_orders = next(SOURCE.orders(DemoDataSpec(500, 3_000, 5), 10))

    with SqlAlchemyUnitOfWork(engine=engine, fetch_rows=1000) as uow:
        product = uow.products.get(7)
        page = uow.orders.page(OrderFilter(), PageRequest(Sort("id"), 3))

    assert product is not None
    assert product.sku == generated.skus[6]
    assert product.name == generated.names[6]
    assert product.price == Decimal(generated.price_cents[6]) / 100
    assert product.created_at == datetime.fromtimestamp(generated.created_at_us[6] / 1e6, UTC)
    assert [order.product_id for order in page.items] == list(first_orders.product_ids[:3])
    assert page.items[0].unit_price == Decimal(first_orders.unit_price_cents[0]) / 100
    assert page.items[0].status is OrderStatus(first_orders.statuses[0])


def test_indexes_survive_and_new_rows_get_ids_after_the_loaded_ones(engine: Engine) -> None:
    before = _index_names(engine)
    SqlAlchemyCatalogLoader(engine).load(
        SOURCE.products(DemoDataSpec(50, 100, 1), 20), SOURCE.orders(DemoDataSpec(50, 100, 1), 20)
    )

    assert _index_names(engine) == before
    now = datetime(2025, 1, 1, tzinfo=UTC)
    with engine.begin() as connection:
        new_id = connection.execute(
            insert(products).returning(products.c.id),
            {"sku": "NEW-1", "name": "n", "description": "", "category": "books",
             "price": Decimal("1.00"), "stock": 1, "created_at": now, "updated_at": now},
        ).scalar_one()  # fmt: skip
    assert new_id == 51


def test_check_constraints_still_hold_after_a_load(engine: Engine) -> None:
    SqlAlchemyCatalogLoader(engine).load(SOURCE.products(DemoDataSpec(5, 0, 1), 5), iter(()))

    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(
            insert(orders),
            {"customer_id": 1, "product_id": 1, "quantity": 0, "unit_price": Decimal("1.00"),
             "status": "placed", "created_at": datetime(2025, 1, 1, tzinfo=UTC)},
        )  # fmt: skip


def test_a_failed_load_leaves_the_database_as_it_was(engine: Engine) -> None:
    before = _index_names(engine)
    bad = OrderRows([1], [1], [1], [0], [100], ["placed"], [1_700_000_000_000_000])  # quantity 0

    with pytest.raises(Conflict):
        SqlAlchemyCatalogLoader(engine).load(SOURCE.products(DemoDataSpec(20, 0, 1), 20), iter([bad]))

    assert SqlAlchemyCatalogLoader(engine).size().is_empty
    assert _index_names(engine) == before


def test_a_database_without_tables_is_unavailable(tmp_path: Path) -> None:
    engine = create_database_engine(f"sqlite:///{tmp_path / 'bare.db'}")
    with pytest.raises(Unavailable, match="spacetime migrate"):
        SqlAlchemyCatalogLoader(engine).size()
    engine.dispose()
