"""Deterministic catalog data for the end-to-end tests, written through the real table definitions so
that every value is stored exactly as the service stores it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import islice
from typing import Any

from sqlalchemy import create_engine, text

from spacetime_service.adapters.sqlalchemy.tables import metadata, orders, products
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.orders import OrderStatus

START = datetime(2025, 1, 1, tzinfo=UTC)
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
            "description": f"Item {i}, \"quoted\", with a comma" if i % 11 == 0 else f"Item {i}",
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


def create_schema(url: str) -> None:
    """The migrations when they exist, else the table definitions they are generated from."""
    try:
        from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
    except ImportError:
        engine = create_engine(url)
        with engine.begin() as connection:
            metadata.create_all(connection)
        engine.dispose()
    else:
        upgrade_to_head(url)


def seed(url: str, *, product_count: int, order_count: int) -> None:
    create_schema(url)
    engine = create_engine(url)
    with engine.begin() as connection:
        if engine.dialect.name == "sqlite":
            connection.execute(text("PRAGMA journal_mode=WAL"))
            connection.execute(text("CREATE TABLE e2e_probe_writes (n INTEGER)"))
        for table, rows in (
            (products, product_rows(product_count)),
            (orders, order_rows(order_count, product_count)),
        ):
            while batch := list(islice(rows, 5000)):
                connection.execute(table.insert(), batch)
    engine.dispose()
