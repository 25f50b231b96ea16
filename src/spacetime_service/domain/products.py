"""A product of the catalog and the filters that select products."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ranges import MAX_ID, require_between, require_ordered

if TYPE_CHECKING:
    from datetime import datetime
    from decimal import Decimal

# Stock is a 32-bit INTEGER column in both databases.
MAX_STOCK = 2**31 - 1


@dataclass(frozen=True, slots=True)
class Product:
    id: int
    sku: str
    name: str
    description: str
    category: str
    price: Decimal
    stock: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class ProductFilter:
    """Every field narrows the selection; None means no condition on it. Ids lie within 1..MAX_ID and
    stock bounds within 0..MAX_STOCK, the ranges of their columns (prices are bounded by parse_money)."""

    categories: tuple[str, ...] = ()
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    in_stock: bool | None = None
    text: str | None = None
    min_id: int | None = None
    max_id: int | None = None
    ids: tuple[int, ...] = ()
    min_stock: int | None = None
    max_stock: int | None = None

    def __post_init__(self) -> None:
        for name in ("min_id", "max_id"):
            require_between(getattr(self, name), 1, MAX_ID, field=name)
        for product_id in self.ids:
            require_between(product_id, 1, MAX_ID, field="ids")
        for name in ("min_stock", "max_stock"):
            require_between(getattr(self, name), 0, MAX_STOCK, field=name)
        require_ordered(self.min_price, self.max_price, low_name="min_price", high_name="max_price")
        require_ordered(self.min_id, self.max_id, low_name="min_id", high_name="max_id")
        require_ordered(self.min_stock, self.max_stock, low_name="min_stock", high_name="max_stock")
        if self.text is not None and not self.text.strip():
            raise InvalidInput("search text must not be blank", field="q")
        if self.text is not None and "\x00" in self.text:
            # No stored text can hold NUL (PostgreSQL refuses it), so it can only be a malformed query.
            raise InvalidInput("search text must not contain NUL characters", field="q")
