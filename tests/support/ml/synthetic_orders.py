"""A small, seeded catalog and order history whose returns depend on category, price and quantity."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.orders import Order, OrderStatus
from spacetime_service.domain.products import Product

START = datetime(2024, 1, 1, tzinfo=UTC)
RISKY = {"clothing": 1.2, "electronics": 0.8, "toys": 0.4}


@dataclass(frozen=True)
class History:
    products: list[Product]
    orders: list[Order]

    def order_records(self) -> list[dict[str, object]]:
        by_id = {product.id: product for product in self.products}
        return [order_record(order, by_id[order.product_id]) for order in self.orders]

    def product_records(self) -> list[dict[str, object]]:
        return [product_record(product) for product in self.products]


def history(products: int = 40, orders: int = 2_000, seed: int = 7) -> History:
    rng = random.Random(seed)
    catalog = [_product(rng, product_id) for product_id in range(1, products + 1)]
    return History(catalog, [_order(rng, order_id, catalog) for order_id in range(1, orders + 1)])


def _product(rng: random.Random, product_id: int) -> Product:
    created = START - timedelta(days=rng.randint(1, 300))
    category = CATEGORIES[product_id % len(CATEGORIES)]
    return Product(
        id=product_id,
        sku=f"SKU-{product_id:05d}",
        name=f"{category} item {product_id}",
        description=rng.choice(["sturdy and small", "large, bright colours", "classic design"]),
        category=category,
        price=Decimal(rng.randint(100, 50_000)) / 100,
        stock=rng.randint(0, 500),
        created_at=created,
        updated_at=created,
    )


def _order(rng: random.Random, order_id: int, catalog: list[Product]) -> Order:
    product = rng.choice(catalog)
    quantity = rng.randint(1, 6)
    unit_price = (product.price * Decimal(rng.choice([100, 100, 90, 75])) / 100).quantize(Decimal("0.01"))
    score = (
        -2.5 + RISKY.get(product.category, 0.0) + 0.3 * math.log1p(float(unit_price)) / 3 + 0.25 * quantity
    )
    returned = rng.random() < 1 / (1 + math.exp(-score))
    status = OrderStatus.RETURNED if returned else rng.choice([OrderStatus.PLACED, OrderStatus.SHIPPED])
    created = START + timedelta(minutes=rng.randint(0, 60 * 24 * 365))
    return Order(order_id, rng.randint(1, 300), product.id, quantity, unit_price, status, created)


def order_record(order: Order, product: Product) -> dict[str, object]:
    return {
        "id": order.id,
        "customer_id": order.customer_id,
        "product_id": order.product_id,
        "quantity": order.quantity,
        "unit_price": float(order.unit_price),
        "status": order.status.value,
        "created_at": order.created_at,
        "category": product.category,
        "product_price": float(product.price),
        "product_stock": product.stock,
        "product_name": product.name,
        "product_description": product.description,
    }


def product_record(product: Product) -> dict[str, object]:
    return {
        "id": product.id,
        "product_id": product.id,
        "category": product.category,
        "product_price": float(product.price),
        "product_stock": product.stock,
        "product_name": product.name,
        "product_description": product.description,
        "created_at": product.created_at,
    }
