"""The state a scenario builds up: the container it drives, and what the last step answered."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Engine, func, insert, select

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.errors import DomainError
from spacetime_service.domain.orders import OrderStatus

START = datetime(2025, 1, 1, tzinfo=UTC)


@dataclass
class World:
    container: RootContainer
    listed: list[dict[str, Any]] = field(default_factory=list)
    lines: list[bytes] = field(default_factory=list)
    body: bytes = b""
    error: DomainError | None = None
    response_headers: dict[str, str] = field(default_factory=dict)

    @property
    def engine(self) -> Engine:
        engine: Engine = self.container.database.engine()
        return engine

    def add_products(self, count: int) -> None:
        self._insert([_generated(i) for i in range(1, count + 1)])

    def add_named_product(self, name: str, category: str) -> None:
        with self.engine.connect() as connection:
            next_id = (connection.scalar(select(func.max(products.c.id))) or 0) + 1
        row = _generated(next_id) | {"name": name, "category": category}
        self._insert([row])

    def add_orders(self, count: int, first_day: date, last_day: date) -> None:
        """`count` orders of the catalog's products, spread evenly over the UTC days given (both
        included), in every status in turn."""
        with self.engine.connect() as connection:
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
        with self.engine.begin() as connection:
            connection.execute(insert(orders), rows)

    def _insert(self, rows: list[dict[str, Any]]) -> None:
        with self.engine.begin() as connection:
            connection.execute(insert(products), rows)


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
