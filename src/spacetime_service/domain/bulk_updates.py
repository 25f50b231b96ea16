"""Bulk updates of products: which products (a filter with at least one condition) and one change.

A product counts as changed only when one of its values differs afterwards, so a bulk update that
sets the price a product already has neither counts it nor touches its `updated_at`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from spacetime_service.domain.catalog import require_category
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.money import CENT, MAX_MONEY, parse_money
from spacetime_service.domain.products import MAX_STOCK, Product, ProductFilter

if TYPE_CHECKING:
    from datetime import datetime

MAX_IDS = 10_000
MAX_FACTOR = Decimal(1000)
FACTOR_PLACES = 6
FACTOR_SCALE = 10**FACTOR_PLACES
MAX_STOCK_DELTA = 1_000_000


class Rounding(StrEnum):
    """How a multiplied price is rounded to cents."""

    HALF_EVEN = "half_even"
    HALF_UP = "half_up"
    DOWN = "down"

    @property
    def decimal_mode(self) -> str:
        return {"half_even": ROUND_HALF_EVEN, "half_up": ROUND_HALF_UP, "down": ROUND_DOWN}[self.value]


@dataclass(frozen=True, slots=True)
class BulkUpdateFilter:
    """The products a bulk update targets. Every given condition must hold; at least one is required,
    so that no request touches the whole catalog by accident. Ids: a range, or a list of at most 10 000."""

    category: str | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    min_id: int | None = None
    max_id: int | None = None
    ids: tuple[int, ...] = ()
    min_stock: int | None = None
    max_stock: int | None = None

    def __post_init__(self) -> None:
        given = [self.category, self.min_price, self.max_price, self.min_id, self.max_id]
        given += [self.min_stock, self.max_stock]
        if not self.ids and all(value is None for value in given):
            raise InvalidInput("a bulk update needs at least one filter condition", field="filter")
        if self.category is not None:
            require_category(self.category)
        if len(self.ids) > MAX_IDS:
            raise InvalidInput(f"a bulk update lists at most {MAX_IDS} ids", field="ids")
        if self.ids and (self.min_id is not None or self.max_id is not None):
            raise InvalidInput("give either an id range or a list of ids, not both", field="ids")
        self.product_filter()  # checks that every range is ordered

    def product_filter(self) -> ProductFilter:
        return ProductFilter(
            categories=() if self.category is None else (self.category,),
            min_price=self.min_price,
            max_price=self.max_price,
            min_id=self.min_id,
            max_id=self.max_id,
            ids=tuple(sorted(set(self.ids))),
            min_stock=self.min_stock,
            max_stock=self.max_stock,
        )


@dataclass(frozen=True, slots=True)
class SetPrice:
    price: Decimal

    def __post_init__(self) -> None:
        object.__setattr__(self, "price", parse_money(self.price))
        if self.price < 0:
            raise InvalidInput("a price cannot be negative", field="price")

    def applied(self, product: Product) -> Product:
        return replace(product, price=self.price)


@dataclass(frozen=True, slots=True)
class MultiplyPrice:
    """The price times `factor` (0 < factor <= 1000, at most six decimal places), rounded to cents. A
    result above MAX_MONEY is capped at MAX_MONEY, as stock is capped, so that no product is left behind
    and no price ever leaves the range the stores (and the next multiplication) can hold."""

    factor: Decimal
    rounding: Rounding = Rounding.HALF_EVEN

    def __post_init__(self) -> None:
        factor = self.factor
        if not factor.is_finite() or not 0 < factor <= MAX_FACTOR:
            raise InvalidInput(f"factor must be above 0 and at most {MAX_FACTOR}", field="factor")
        if factor != factor.quantize(Decimal(1).scaleb(-FACTOR_PLACES)):
            raise InvalidInput(f"factor has more than {FACTOR_PLACES} decimal places", field="factor")

    @property
    def scaled_factor(self) -> int:
        """The factor as an integer count of millionths: exact integer arithmetic in any database."""
        return int(self.factor * FACTOR_SCALE)

    def applied(self, product: Product) -> Product:
        price = (product.price * self.factor).quantize(CENT, rounding=self.rounding.decimal_mode)
        return replace(product, price=min(price, MAX_MONEY))


@dataclass(frozen=True, slots=True)
class AddStock:
    """Adds `delta` (at most one million either way) to the stock. A result below 0 is clamped to 0
    (and one above 2^31 - 1 to that), rather than refusing the product: a bulk correction of stock
    should leave no product negative, and leave none behind either."""

    delta: int

    def __post_init__(self) -> None:
        if self.delta == 0 or abs(self.delta) > MAX_STOCK_DELTA:
            raise InvalidInput(
                f"delta must be non-zero and at most {MAX_STOCK_DELTA} either way", field="delta"
            )

    def applied(self, product: Product) -> Product:
        return replace(product, stock=min(max(product.stock + self.delta, 0), MAX_STOCK))


@dataclass(frozen=True, slots=True)
class SetCategory:
    category: str

    def __post_init__(self) -> None:
        require_category(self.category)

    def applied(self, product: Product) -> Product:
        return replace(product, category=self.category)


BulkOperation = SetPrice | MultiplyPrice | AddStock | SetCategory


@dataclass(frozen=True, slots=True)
class BulkUpdate:
    """A filter and one change. A price multiplication whose filter caps the price (`max_price`) is
    refused when that cap times the factor passes MAX_MONEY: the request itself shows it would be capped."""

    target: BulkUpdateFilter
    operation: BulkOperation

    def __post_init__(self) -> None:
        match self.operation, self.target.max_price:
            case MultiplyPrice(factor=factor), Decimal() as max_price if max_price * factor > MAX_MONEY:
                raise InvalidInput(
                    f"max_price {max_price} times factor {factor} passes the largest price {MAX_MONEY}",
                    field="factor",
                )

    def changed(self, product: Product, now: datetime) -> Product | None:
        """The product after the update, or None when it is not targeted or nothing would differ."""
        if not matches(self.target.product_filter(), product):
            return None
        after = self.operation.applied(product)
        if after == product:
            return None
        return replace(after, updated_at=now)


def matches(product_filter: ProductFilter, product: Product) -> bool:
    """Whether `product` satisfies the filter's price, id, stock and category conditions."""
    f = product_filter
    return (
        (not f.categories or product.category in f.categories)
        and (f.min_price is None or product.price >= f.min_price)
        and (f.max_price is None or product.price <= f.max_price)
        and (f.min_id is None or product.id >= f.min_id)
        and (f.max_id is None or product.id <= f.max_id)
        and (not f.ids or product.id in f.ids)
        and (f.min_stock is None or product.stock >= f.min_stock)
        and (f.max_stock is None or product.stock <= f.max_stock)
    )
