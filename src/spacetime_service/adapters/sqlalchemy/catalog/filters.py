"""SQL conditions for the domain's filters.

Every value is a bound parameter, already in the form the driver takes (money as integer cents), so
that the same conditions serve ordinary queries and PostgreSQL COPY, where psycopg binds them itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, ColumnElement, bindparam, or_

from spacetime_service.adapters.sqlalchemy.catalog.unicode_lower import unicode_lower
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from spacetime_service.domain.money import to_cents

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from spacetime_service.domain.orders import OrderFilter, OrderStatus
    from spacetime_service.domain.products import ProductFilter

# The escape character of LIKE patterns; `/` needs no quoting in any SQL dialect, unlike `\`.
LIKE_ESCAPE = "/"


def contains_pattern(text: str) -> str:
    """A LIKE pattern matching `text` anywhere, with `%`, `_` and the escape itself taken literally."""
    escaped = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2)
    for wildcard in ("%", "_"):
        escaped = escaped.replace(wildcard, LIKE_ESCAPE + wildcard)
    return f"%{escaped}%"


def _cents(amount: object) -> ColumnElement[int]:
    return bindparam(None, amount, type_=BigInteger)


def product_conditions(product_filter: ProductFilter) -> list[ColumnElement[bool]]:
    """Case-insensitive text search over name, description and sku, in every alphabet."""
    f, c = product_filter, products.c
    conditions: list[ColumnElement[bool]] = []
    if f.categories:
        conditions.append(c.category.in_(f.categories))
    if f.min_price is not None:
        conditions.append(c.price >= _cents(to_cents(f.min_price)))
    if f.max_price is not None:
        conditions.append(c.price <= _cents(to_cents(f.max_price)))
    if f.in_stock is not None:
        conditions.append(c.stock > 0 if f.in_stock else c.stock == 0)
    if f.text is not None:
        conditions.append(or_(*(_contains(column, f.text) for column in (c.name, c.description, c.sku))))
    if f.min_id is not None:
        conditions.append(c.id >= f.min_id)
    if f.max_id is not None:
        conditions.append(c.id <= f.max_id)
    if f.ids:
        conditions.append(c.id.in_(f.ids))
    if f.min_stock is not None:
        conditions.append(c.stock >= f.min_stock)
    if f.max_stock is not None:
        conditions.append(c.stock <= f.max_stock)
    return conditions


def _contains(column: ColumnElement[str], text: str) -> ColumnElement[bool]:
    if text.isascii():
        # The database's own case folding, cheapest on SQLite; an ASCII query needs no more.
        return column.ilike(contains_pattern(text), escape=LIKE_ESCAPE)
    return unicode_lower(column).like(contains_pattern(text.lower()), escape=LIKE_ESCAPE)


def order_period_conditions(
    created_from: datetime | None, created_to: datetime | None, statuses: Sequence[OrderStatus]
) -> list[ColumnElement[bool]]:
    """Orders created in [created_from, created_to) with one of `statuses` (any when empty): the part
    that order filters and analytics filters share."""
    c = orders.c
    conditions: list[ColumnElement[bool]] = []
    if created_from is not None:
        conditions.append(c.created_at >= created_from)
    if created_to is not None:
        conditions.append(c.created_at < created_to)
    if statuses:
        conditions.append(c.status.in_([status.value for status in statuses]))
    return conditions


def order_conditions(order_filter: OrderFilter) -> list[ColumnElement[bool]]:
    f, c = order_filter, orders.c
    conditions = order_period_conditions(f.created_from, f.created_to, f.statuses)
    if f.customer_id is not None:
        conditions.append(c.customer_id == f.customer_id)
    if f.product_id is not None:
        conditions.append(c.product_id == f.product_id)
    return conditions
