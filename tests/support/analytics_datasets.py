"""Order histories for the analytics contract suite: a tiny one whose figures are worked out by hand,
and generated ones (many customers, every dimension) for comparing the two aggregation engines."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from spacetime_service.domain.orders import Order, OrderStatus
from spacetime_service.domain.products import Product

BASE_TIME = datetime(2025, 3, 1, tzinfo=UTC)
CATEGORIES = ("books", "toys", "garden")


@dataclass(frozen=True)
class History:
    products: tuple[Product, ...]
    orders: tuple[Order, ...]


def product(product_id: int, category: str) -> Product:
    return Product(
        id=product_id,
        sku=f"SKU-{product_id:06d}",
        name=f"Product {product_id}",
        description="",
        category=category,
        price=Decimal("1.00"),
        stock=1,
        created_at=BASE_TIME,
        updated_at=BASE_TIME,
    )


def order(
    order_id: int, customer: int, product_id: int, quantity: int, price: str, status: str, at: str
) -> Order:
    return Order(
        id=order_id,
        customer_id=customer,
        product_id=product_id,
        quantity=quantity,
        unit_price=Decimal(price),
        status=OrderStatus(status),
        created_at=datetime.fromisoformat(at).replace(tzinfo=UTC),
    )


def tiny_history() -> History:
    """Five orders across a week boundary (Sunday 2 March / Monday 3 March 2025) and a month boundary.

    Worked out: 5 orders, 11 units, revenue 33.50 (orders 1, 2 and 5 earn), 3 earning, 1 returned,
    3 customers. books: orders 1, 3, 4; toys: orders 2, 5."""
    products = (product(1, "books"), product(2, "toys"), product(3, "books"))
    orders = (
        order(1, 1, 1, 2, "10.00", "placed", "2025-03-02T23:59:59"),
        order(2, 1, 2, 1, "5.50", "shipped", "2025-03-03T00:00:00"),
        order(3, 2, 3, 3, "1.25", "returned", "2025-03-31T12:00:00"),
        order(4, 3, 1, 1, "0.01", "cancelled", "2025-04-01T00:00:01.500000"),
        order(5, 2, 2, 4, "2.00", "placed", "2025-04-01T10:00:00"),
    )
    return History(products, orders)


def generated_history(*, orders: int, customers: int, products: int = 40, seed: int = 7) -> History:
    """Random orders over about five months; several orders per customer, every status and category."""
    rng = random.Random(seed)
    catalog = tuple(product(i, CATEGORIES[i % len(CATEGORIES)]) for i in range(1, products + 1))
    statuses = tuple(OrderStatus)
    history = tuple(
        Order(
            id=i,
            customer_id=rng.randint(1, customers),
            product_id=rng.randint(1, products),
            quantity=rng.randint(1, 5),
            unit_price=Decimal(rng.randint(0, 50_000)) / 100,
            status=rng.choice(statuses),
            created_at=BASE_TIME
            + timedelta(seconds=rng.randint(0, 150 * 86_400), microseconds=rng.randint(0, 9)),
        )
        for i in range(1, orders + 1)
    )
    return History(catalog, history)
