"""An order line of the order history and the filters that select orders."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from spacetime_service.domain.ranges import MAX_ID, require_between, require_period

if TYPE_CHECKING:
    from datetime import datetime
    from decimal import Decimal

# Customer ids are a 32-bit INTEGER column in both databases (order and product ids are BIGINTs).
MAX_CUSTOMER_ID = 2**31 - 1


class OrderStatus(StrEnum):
    PLACED = "placed"
    SHIPPED = "shipped"
    RETURNED = "returned"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class Order:
    id: int
    customer_id: int
    product_id: int
    quantity: int
    unit_price: Decimal
    status: OrderStatus
    created_at: datetime

    @property
    def revenue(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass(frozen=True, slots=True)
class OrderFilter:
    """`created_from` is inclusive and `created_to` exclusive, both timezone-aware; the customer and
    product ids lie within their columns' ranges (1..MAX_CUSTOMER_ID and 1..MAX_ID)."""

    created_from: datetime | None = None
    created_to: datetime | None = None
    statuses: tuple[OrderStatus, ...] = ()
    customer_id: int | None = None
    product_id: int | None = None

    def __post_init__(self) -> None:
        require_between(self.customer_id, 1, MAX_CUSTOMER_ID, field="customer_id")
        require_between(self.product_id, 1, MAX_ID, field="product_id")
        require_period(self.created_from, self.created_to)
