"""An order line of the order history and the filters that select orders."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from spacetime_service.domain.ranges import require_period

if TYPE_CHECKING:
    from datetime import datetime
    from decimal import Decimal


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
    """`created_from` is inclusive and `created_to` exclusive, both timezone-aware."""

    created_from: datetime | None = None
    created_to: datetime | None = None
    statuses: tuple[OrderStatus, ...] = ()
    customer_id: int | None = None
    product_id: int | None = None

    def __post_init__(self) -> None:
        require_period(self.created_from, self.created_to)
