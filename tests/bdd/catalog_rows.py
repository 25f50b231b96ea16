"""The rows a scenario starts from, written straight into the tables, and the catalog read back as
rows to compare before and after."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, insert, select

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.orders import OrderStatus

START = datetime(2025, 1, 1, tzinfo=UTC)

# A product as stored: its columns by name.
ProductRow = dict[str, Any]


def add_products(engine: Engine, count: int) -> None:
    """Products 1 to `count`, every fifth one out of stock."""
    with engine.begin() as connection:
        connection.execute(insert(products), [_generated(i) for i in range(1, count + 1)])


def add_named_product(engine: Engine, name: str, category: str) -> None:
    """One more product, after the last one, with this name and category."""
    with engine.begin() as connection:
        next_id = (connection.scalar(select(func.max(products.c.id))) or 0) + 1
        connection.execute(insert(products), [_generated(next_id) | {"name": name, "category": category}])


def add_orders(engine: Engine, count: int, first_day: date, last_day: date) -> None:
    """`count` orders of the catalog's products, spread evenly over the UTC days given (both included),
    in every status in turn."""
    with engine.connect() as connection:
        product_count = connection.scalar(select(func.count()).select_from(products)) or 0
    assert product_count, "orders need products"
    start = datetime.combine(first_day, time(), UTC)
    step = (datetime.combine(last_day, time(), UTC) + timedelta(days=1) - start) / count
    statuses = tuple(OrderStatus)
    rows = [
        {
            "id": j,
            "customer_id": j % 37 + 1,
            "product_id": j % product_count + 1,
            "quantity": j % 4 + 1,
            "unit_price": Decimal(j % 50) + Decimal("0.25"),
            "status": statuses[j % len(statuses)].value,
            "created_at": start + step * (j - 1),
        }
        for j in range(1, count + 1)
    ]
    with engine.begin() as connection:
        connection.execute(insert(orders), rows)


def product_rows(engine: Engine) -> dict[int, ProductRow]:
    """Every product as stored, by id, in id order."""
    with engine.connect() as connection:
        result = connection.execute(select(products).order_by(products.c.id))
        return {row.id: dict(row._mapping) for row in result}


def stock_by_id(rows: dict[int, ProductRow]) -> dict[int, int]:
    return {product_id: int(row["stock"]) for product_id, row in rows.items()}


def _generated(i: int) -> dict[str, Any]:
    return {
        "id": i,
        "sku": f"BDD-{i:06d}",
        "name": f"Product {i}",
        "description": f"A plain item number {i}",
        "category": CATEGORIES[i % len(CATEGORIES)],
        "price": Decimal(i * 37 % 9_000) / 100 + 1,
        "stock": i % 5,
        "created_at": START + timedelta(hours=i),
        "updated_at": START + timedelta(hours=i),
    }
