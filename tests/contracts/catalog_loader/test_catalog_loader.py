"""The catalog loader contract: every adapter and the fake load, count and refuse alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource
from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.application.ports.catalog_loader import CatalogLoader, CatalogSize, OrderRows
from spacetime_service.application.ports.demo_data_source import DemoDataSpec
from spacetime_service.domain.errors import Conflict
from tests.fakes.catalog_loader import InMemoryCatalogLoader

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy import Engine

SPEC = DemoDataSpec(products=300, orders=2_000, seed=11)
SOURCE = NumpyDemoDataSource()


def _engine(url: str) -> Iterator[Engine]:
    upgrade_to_head(url)
    engine = create_database_engine(url)
    yield engine
    engine.dispose()


@pytest.fixture(params=["fake", "sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def loader(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[CatalogLoader]:
    if request.param == "fake":
        yield InMemoryCatalogLoader()
        return
    if request.param == "sqlite":
        yield from (SqlAlchemyCatalogLoader(engine) for engine in _engine(f"sqlite:///{tmp_path / 'c.db'}"))
        return
    postgres_url = request.getfixturevalue("postgres_url")
    for engine in _engine(postgres_url):
        try:
            yield SqlAlchemyCatalogLoader(engine)
        finally:
            with engine.begin() as connection:
                connection.exec_driver_sql("TRUNCATE orders, products")


def _orders_naming(product_id: int) -> OrderRows:
    return OrderRows(
        ids=[1], customer_ids=[1], product_ids=[product_id], quantities=[1], unit_price_cents=[100],
        statuses=["placed"], created_at_us=[1_700_000_000_000_000],
    )  # fmt: skip


def test_a_new_store_is_empty(loader: CatalogLoader) -> None:
    assert loader.size() == CatalogSize(products=0, orders=0)
    assert loader.size().is_empty


def test_a_load_stores_every_batch_and_reports_the_counts(loader: CatalogLoader) -> None:
    loaded = loader.load(SOURCE.products(SPEC, 128), SOURCE.orders(SPEC, 700))

    assert loaded == CatalogSize(products=300, orders=2_000)
    assert loader.size() == loaded


def test_loading_taken_ids_is_a_conflict_and_keeps_nothing_of_that_load(loader: CatalogLoader) -> None:
    loader.load(SOURCE.products(SPEC, 100), iter(()))
    bigger = DemoDataSpec(products=400, orders=10, seed=11)

    with pytest.raises(Conflict):
        loader.load(SOURCE.products(bigger, 100), SOURCE.orders(bigger, 100))

    assert loader.size() == CatalogSize(products=300, orders=0)


def test_an_order_naming_a_missing_product_is_a_conflict(loader: CatalogLoader) -> None:
    with pytest.raises(Conflict):
        loader.load(SOURCE.products(SPEC, 100), iter([_orders_naming(10_000)]))

    assert loader.size().is_empty
