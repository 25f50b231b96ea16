"""The wire form of entities: JSON-safe scalars, money as exact text, times as UTC ISO 8601 with Z.

Every adapter that formats rows itself (in SQL, through COPY) must produce exactly these values.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping
    from decimal import Decimal

    from spacetime_service.domain.orders import Order
    from spacetime_service.domain.products import Product

WireValue = str | int | None

PRODUCT_COLUMNS: tuple[str, ...] = (
    "id",
    "sku",
    "name",
    "description",
    "category",
    "price",
    "stock",
    "created_at",
    "updated_at",
)
ORDER_COLUMNS: tuple[str, ...] = (
    "id",
    "customer_id",
    "product_id",
    "quantity",
    "unit_price",
    "status",
    "created_at",
)


def wire_time(moment: datetime) -> str:
    """Whole seconds in UTC: `2025-03-01T12:34:56Z`."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def wire_money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def product_wire(product: Product) -> Mapping[str, WireValue]:
    return {
        "id": product.id,
        "sku": product.sku,
        "name": product.name,
        "description": product.description,
        "category": product.category,
        "price": wire_money(product.price),
        "stock": product.stock,
        "created_at": wire_time(product.created_at),
        "updated_at": wire_time(product.updated_at),
    }


def order_wire(order: Order) -> Mapping[str, WireValue]:
    return {
        "id": order.id,
        "customer_id": order.customer_id,
        "product_id": order.product_id,
        "quantity": order.quantity,
        "unit_price": wire_money(order.unit_price),
        "status": order.status.value,
        "created_at": wire_time(order.created_at),
    }
