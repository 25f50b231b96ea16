"""A small catalog for the batch contract suite: prices whose multiples land on half cents (so every
rounding mode differs), stocks near zero, and orders over a few UTC days, some at midnight."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from spacetime_service.domain.orders import Order, OrderStatus
from spacetime_service.domain.products import Product

BASE = datetime(2025, 3, 1, tzinfo=UTC)
FIRST_DAY = date(2025, 3, 1)
# 0.05 x 1.5 = 0.075, 0.25 x 1.1 = 0.275, 0.45 x 0.5 = 0.225, 0.35 x 0.5 = 0.175: the half cents.
PRICES = ("0.05", "0.25", "0.45", "0.35", "0.00", "19.99", "100.00", "7.77", "0.01", "12345.67")
CATEGORIES = ("books", "toys", "garden")


def products(count: int = 30) -> list[Product]:
    return [
        Product(
            id=index,
            sku=f"SKU-{index:04d}" if index % 7 else f"=SKU,{index}",
            name=f"product {index}",
            description="",
            category=CATEGORIES[index % 3],
            price=Decimal(PRICES[index % len(PRICES)]),
            stock=(0, 1, 3, 10, 250)[index % 5],
            created_at=BASE,
            updated_at=BASE,
        )
        for index in range(1, count + 1)
    ]


def orders(product_count: int = 30) -> list[Order]:
    statuses = list(OrderStatus)
    result = []
    for index in range(1, 61):
        day = index % 4  # days 0..3; day 4 has no orders, day 5 one at its first microsecond
        moment = BASE + timedelta(days=day, hours=index % 24, minutes=index)
        if index == 60:
            moment = BASE + timedelta(days=5)
        result.append(
            Order(
                id=index,
                customer_id=index % 9,
                product_id=1 + index % product_count,
                quantity=1 + index % 3,
                unit_price=Decimal(PRICES[index % len(PRICES)]),
                status=statuses[(index // 3) % 4],
                created_at=moment,
            )
        )
    # the last microsecond of day 3: still day 3
    result.append(
        Order(61, 4, 2, 2, Decimal("1.50"), OrderStatus.SHIPPED, BASE + timedelta(days=4, microseconds=-1))
    )
    return result
