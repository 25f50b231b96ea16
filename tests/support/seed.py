"""Deterministic catalog data for the end-to-end tests, loaded through the service's own bulk loader so
that every value is stored exactly as the service stores it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import text

from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.application.ports.catalog_loader import OrderRows, ProductRows
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.money import to_cents
from spacetime_service.domain.orders import OrderStatus

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

T = TypeVar("T")

START = datetime(2025, 1, 1, tzinfo=UTC)
UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
STATUSES = tuple(OrderStatus)
# Names a spreadsheet would run as formulas; the CSV export must neutralise every one.
FORMULA_NAMES = ("=1+2", "+SUM(A1)", "-3+4", "@cmd", "\tpadded", "\rreturn")
CARRIAGE_RETURN_NAME = FORMULA_NAMES[-1]


def product_rows(count: int) -> Iterator[dict[str, Any]]:
    for i in range(1, count + 1):
        yield {
            "id": i,
            "sku": f"SKU-{i:06d}",
            "name": FORMULA_NAMES[i // 100 % len(FORMULA_NAMES)] if i % 100 == 7 else f"Product {i}",
            "description": f'Item {i}, "quoted", with a comma' if i % 11 == 0 else f"Item {i}",
            "category": CATEGORIES[i % len(CATEGORIES)],
            "price": Decimal(i % 997) + Decimal(i % 100) / 100,
            "stock": i % 7,
            "created_at": START + timedelta(minutes=i),
            "updated_at": START + timedelta(minutes=i, seconds=30),
        }


def order_rows(count: int, product_count: int) -> Iterator[dict[str, Any]]:
    for j in range(1, count + 1):
        yield {
            "id": j,
            "customer_id": j % 1000 + 1,
            "product_id": j % product_count + 1,
            "quantity": j % 4 + 1,
            "unit_price": Decimal(j % 500) + Decimal("0.25"),
            "status": STATUSES[j % len(STATUSES)].value,
            "created_at": START + timedelta(seconds=30 * j),
        }


def seed(url: str, *, product_count: int, order_count: int) -> None:
    """Migrates the database to the newest schema and bulk-loads the rows (plus, on SQLite, a scratch
    table that the open-transaction check writes to)."""
    upgrade_to_head(url)
    engine = create_database_engine(url)
    try:
        loader = SqlAlchemyCatalogLoader(engine)
        loader.load(
            _batches(product_rows(product_count), _products),
            _batches(order_rows(order_count, product_count), _orders),
        )
        if engine.dialect.name == "sqlite":
            with engine.begin() as connection:
                connection.execute(text("CREATE TABLE e2e_probe_writes (n INTEGER)"))
    finally:
        engine.dispose()


def _batches(rows: Iterator[dict[str, Any]], to_columns: Callable[[list[dict[str, Any]]], T]) -> Iterator[T]:
    while batch := list(islice(rows, 20_000)):
        yield to_columns(batch)


def _products(batch: list[dict[str, Any]]) -> ProductRows:
    return ProductRows(
        ids=[row["id"] for row in batch],
        skus=[row["sku"] for row in batch],
        names=[row["name"] for row in batch],
        descriptions=[row["description"] for row in batch],
        categories=[row["category"] for row in batch],
        price_cents=[to_cents(row["price"]) for row in batch],
        stock=[row["stock"] for row in batch],
        created_at_us=[_micros(row["created_at"]) for row in batch],
        updated_at_us=[_micros(row["updated_at"]) for row in batch],
    )


def _orders(batch: list[dict[str, Any]]) -> OrderRows:
    return OrderRows(
        ids=[row["id"] for row in batch],
        customer_ids=[row["customer_id"] for row in batch],
        product_ids=[row["product_id"] for row in batch],
        quantities=[row["quantity"] for row in batch],
        unit_price_cents=[to_cents(row["unit_price"]) for row in batch],
        statuses=[row["status"] for row in batch],
        created_at_us=[_micros(row["created_at"]) for row in batch],
    )


def _micros(moment: datetime) -> int:
    return (moment - UNIX_EPOCH) // timedelta(microseconds=1)
