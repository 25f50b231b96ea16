"""Domain objects from result rows.

Product and Order are frozen, slotted dataclasses: SQLAlchemy's imperative mapping accepts the classes
but cannot load them (an instrumented instance needs a weak reference and a `__dict__`, which slots
forbid). The repositories therefore read rows with Core, whose column types already give Decimal and
aware UTC datetimes, and build the domain objects here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.orders import Order, OrderStatus
from spacetime_service.domain.products import Product

if TYPE_CHECKING:
    from sqlalchemy import Row


def product_from_row(row: Row[tuple[object, ...]]) -> Product:
    values = row._mapping
    return Product(
        id=values["id"],
        sku=values["sku"],
        name=values["name"],
        description=values["description"],
        category=values["category"],
        price=values["price"],
        stock=values["stock"],
        created_at=values["created_at"],
        updated_at=values["updated_at"],
    )


def order_from_row(row: Row[tuple[object, ...]]) -> Order:
    values = row._mapping
    return Order(
        id=values["id"],
        customer_id=values["customer_id"],
        product_id=values["product_id"],
        quantity=values["quantity"],
        unit_price=values["unit_price"],
        status=OrderStatus(values["status"]),
        created_at=values["created_at"],
    )
