"""Sample products and orders for in-process HTTP tests, behind the shared in-memory fake unit of
work; `fail_with` makes opening the unit of work raise, as the real one does when the database is down."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Self

from spacetime_service.domain.orders import Order, OrderStatus
from spacetime_service.domain.products import Product
from tests.fakes.catalog import FakeUnitOfWork

EPOCH = datetime(2025, 1, 1, tzinfo=UTC)


class ScriptedUnitOfWork(FakeUnitOfWork):
    fail_with: Exception | None = None

    def __enter__(self) -> Self:
        if self.fail_with is not None:
            raise self.fail_with
        return super().__enter__()


@dataclass
class SampleCatalog:
    products: list[Product]
    orders: list[Order]
    unit_of_work: ScriptedUnitOfWork = field(init=False)

    def __post_init__(self) -> None:
        self.unit_of_work = ScriptedUnitOfWork(self.products, self.orders)


def sample_catalog(product_count: int = 120, order_count: int = 300) -> SampleCatalog:
    categories = ("books", "toys", "garden")
    products = [
        Product(
            id=i,
            sku=f"SKU-{i:05d}",
            name="=HYPERLINK(1)" if i == 1 else f"product {i}",
            description=f"item number {i}",
            category=categories[i % 3],
            price=Decimal(i % 40) + Decimal("0.99"),
            stock=i % 5,
            created_at=EPOCH + timedelta(hours=i),
            updated_at=EPOCH + timedelta(hours=i),
        )
        for i in range(1, product_count + 1)
    ]
    statuses = list(OrderStatus)
    orders = [
        Order(
            id=i,
            customer_id=i % 17 + 1,
            product_id=i % product_count + 1,
            quantity=i % 3 + 1,
            unit_price=Decimal("9.50"),
            status=statuses[i % len(statuses)],
            created_at=EPOCH + timedelta(hours=6 * i),
        )
        for i in range(1, order_count + 1)
    ]
    return SampleCatalog(products, orders)
