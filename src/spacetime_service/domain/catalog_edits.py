"""Changes to the catalog one product or one order at a time: a new product, a change to some of its
fields, an order placed by a client. Every field obeys the rules of an imported row (the same lengths,
categories and bounds), so a product made here could have come from an import and the other way round.

A product's version is its id and the microsecond of its last change: it names one state of the
product, so that a client can change or delete exactly the state it has seen (HTTP `ETag`/`If-Match`).
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from spacetime_service.domain.catalog import require_category
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.orders import MAX_CUSTOMER_ID
from spacetime_service.domain.product_fields import (
    require_description,
    require_name,
    require_price,
    require_sku,
)
from spacetime_service.domain.products import MAX_STOCK
from spacetime_service.domain.ranges import MAX_ID, require_between

if TYPE_CHECKING:
    from decimal import Decimal

    from spacetime_service.domain.orders import Order
    from spacetime_service.domain.products import Product

# One order line of a web shop; far above any real basket, far below what could overflow revenue sums.
MAX_ORDER_QUANTITY = 10_000

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class ProductDraft:
    """A product to create; the sku must be new."""

    sku: str
    name: str
    category: str
    price: Decimal
    stock: int
    description: str = ""

    def __post_init__(self) -> None:
        require_sku(self.sku)
        require_name(self.name)
        require_description(self.description)
        require_category(self.category)
        require_price(self.price)
        require_between(self.stock, 0, MAX_STOCK, field="stock")


@dataclass(frozen=True, slots=True)
class ProductChanges:
    """New values for some fields of a product; None leaves a field as it is."""

    sku: str | None = None
    name: str | None = None
    description: str | None = None
    category: str | None = None
    price: Decimal | None = None
    stock: int | None = None

    def __post_init__(self) -> None:
        if all(getattr(self, field.name) is None for field in fields(self)):
            raise InvalidInput("name at least one field to change", field="body")
        if self.sku is not None:
            require_sku(self.sku)
        if self.name is not None:
            require_name(self.name)
        if self.description is not None:
            require_description(self.description)
        if self.category is not None:
            require_category(self.category)
        if self.price is not None:
            require_price(self.price)
        require_between(self.stock, 0, MAX_STOCK, field="stock")

    def changed_fields(self) -> dict[str, object]:
        values = {field.name: getattr(self, field.name) for field in fields(self)}
        return {name: value for name, value in values.items() if value is not None}


@dataclass(frozen=True, slots=True)
class OrderDraft:
    """An order to place: `quantity` items of one product for one customer, at the product's price."""

    customer_id: int
    product_id: int
    quantity: int

    def __post_init__(self) -> None:
        require_between(self.customer_id, 1, MAX_CUSTOMER_ID, field="customer_id")
        require_between(self.product_id, 1, MAX_ID, field="product_id")
        require_between(self.quantity, 1, MAX_ORDER_QUANTITY, field="quantity")

    def matches(self, order: Order) -> bool:
        """Whether `order` is what this draft asks for (an idempotent replay must ask the same)."""
        return (order.customer_id, order.product_id, order.quantity) == (
            self.customer_id,
            self.product_id,
            self.quantity,
        )


@dataclass(frozen=True, slots=True)
class PlacedOrder:
    """The order, and whether this request placed it (False: an earlier request with the same
    idempotency key did, and this one only reads it back)."""

    order: Order
    created: bool


def product_version(product: Product) -> str:
    """`<id>.<microseconds since the epoch of the last change>`: changes whenever the product does,
    because every change moves `updated_at` forward by at least a microsecond."""
    micros = (product.updated_at - _EPOCH) // timedelta(microseconds=1)
    return f"{product.id}.{micros}"


def next_change_time(now: datetime, previous: datetime) -> datetime:
    """The `updated_at` of a change made at `now`: strictly after the previous change even when the
    clock has not moved (two changes within a microsecond, or a clock stepped back), so that each
    state of a product has its own version."""
    return max(now, previous + timedelta(microseconds=1))


def parse_product_version(text: str) -> tuple[int, datetime] | None:
    """The product id and last-change time a version names, or None when `text` names none (such a
    version matches no product, so a change that gives it is refused as stale)."""
    product_id, dot, micros = text.partition(".")
    if not dot or not product_id.isdigit() or not micros.isdigit() or len(micros) > 20:
        return None
    try:
        return int(product_id), _EPOCH + timedelta(microseconds=int(micros))
    except OverflowError:
        return None
