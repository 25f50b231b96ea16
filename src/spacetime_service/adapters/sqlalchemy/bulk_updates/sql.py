"""Bulk update operations as SQL expressions: the new value of a column, in exact integer arithmetic.

Money is a BIGINT count of cents, so a multiplied price is `price * m / 10^6` with the factor as m
millionths, rounded by comparing twice the remainder with the divisor: the same result as the
domain's Decimal rounding, on SQLite and PostgreSQL alike (every operand is non-negative, so integer
division and modulo need no care for signs). Only bound values reach the SQL.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import BigInteger, ColumnElement, Integer, case, literal, type_coerce

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.domain.bulk_updates import (
    FACTOR_SCALE,
    AddStock,
    BulkOperation,
    MultiplyPrice,
    Rounding,
    SetCategory,
    SetPrice,
)
from spacetime_service.domain.money import MAX_MONEY, to_cents
from spacetime_service.domain.products import MAX_STOCK

MAX_CENTS = to_cents(MAX_MONEY)


@dataclass(frozen=True, slots=True)
class ColumnChange:
    """`column` gets `value`; a row changes only when `value` differs from what the column holds."""

    column: str
    value: ColumnElement[Any]

    @property
    def differs(self) -> ColumnElement[bool]:
        return self.value != _plain(self.column)


def _plain(column: str) -> ColumnElement[Any]:
    # Money's TypeDecorator would turn the cents into a Decimal; the arithmetic wants the BIGINT itself.
    return type_coerce(products.c[column], BigInteger if column == "price" else products.c[column].type)


def _number(value: int) -> ColumnElement[int]:
    return literal(value, BigInteger)


def column_change(operation: BulkOperation) -> ColumnChange:
    match operation:
        case SetPrice(price=price):
            return ColumnChange("price", _number(to_cents(price)))
        case MultiplyPrice():
            return ColumnChange("price", _multiplied_price(operation))
        case AddStock(delta=delta):
            total = type_coerce(products.c.stock, BigInteger) + _number(delta)
            clamped = case((total < 0, 0), (total > MAX_STOCK, MAX_STOCK), else_=total)
            return ColumnChange("stock", type_coerce(clamped, Integer))
        case SetCategory(category=category):
            return ColumnChange("category", literal(category, products.c.category.type))


def _multiplied_price(operation: MultiplyPrice) -> ColumnElement[Any]:
    """Exact integer arithmetic on cents (prices <= MAX_MONEY cannot overflow BIGINT), capped at
    MAX_MONEY like MultiplyPrice.applied."""
    rounded = _rounded_product(operation)
    return case((rounded > _number(MAX_CENTS), _number(MAX_CENTS)), else_=rounded)


def _rounded_product(operation: MultiplyPrice) -> ColumnElement[Any]:
    scaled = _plain("price") * _number(operation.scaled_factor)
    divisor = _number(FACTOR_SCALE)
    quotient = scaled // divisor
    twice_remainder = (scaled % divisor) * 2
    if operation.rounding is Rounding.DOWN:
        return quotient
    if operation.rounding is Rounding.HALF_UP:
        return quotient + case((twice_remainder >= divisor, 1), else_=0)
    half_to_odd = (twice_remainder == divisor) & (quotient % 2 == 1)
    return quotient + case(((twice_remainder > divisor) | half_to_odd, 1), else_=0)
