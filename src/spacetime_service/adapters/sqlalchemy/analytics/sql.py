"""The SQL behind each allow-listed dimension and metric, for SQLite and PostgreSQL.

Names map to prebuilt expressions; the only text written into SQL here is fixed (date formats, time
zone names), never a value a client sent. Sums are cast to BIGINT so that PostgreSQL returns integers
rather than numerics, and text keys compare by code point (COLLATE "C" on PostgreSQL, SQLite's BINARY
by default), the order the application's own sort uses.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, ColumnElement, case, cast, collate, func, literal_column, type_coerce

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from spacetime_service.domain.analytics import Dimension, Metric
from spacetime_service.domain.reports import EARNING_STATUSES

_ZERO: ColumnElement[int] = literal_column("0", BigInteger)
_ONE: ColumnElement[int] = literal_column("1", BigInteger)
_TWO: ColumnElement[int] = literal_column("2", BigInteger)
_C = orders.c


def unit_price_cents() -> ColumnElement[int]:
    """The stored cents, read as a plain integer rather than through the Money type."""
    return type_coerce(_C.unit_price, BigInteger)


def is_earning() -> ColumnElement[bool]:
    return _C.status.in_([literal_column(f"'{status}'") for status in EARNING_STATUSES])


def _sum(expression: ColumnElement[int]) -> ColumnElement[int]:
    return cast(func.coalesce(func.sum(expression), _ZERO), BigInteger)


def _sqlite_day(part: int) -> ColumnElement[str]:
    return func.substr(_C.created_at, _ONE, literal_column(str(part)))


def _sqlite_bucket(dimension: Dimension) -> ColumnElement[str]:
    # Stored as "YYYY-MM-DD HH:MM:SS.ffffff" UTC text: the bucket is a prefix, or a date shift of one.
    if dimension is Dimension.DAY:
        return _sqlite_day(10)
    if dimension is Dimension.MONTH:
        return _sqlite_day(7).concat(literal_column("'-01'"))
    # Back six days, then forward to the next Monday: the Monday on or before the day.
    return func.date(_sqlite_day(10), literal_column("'-6 days'"), literal_column("'weekday 1'"))


def _postgresql_bucket(dimension: Dimension) -> ColumnElement[str]:
    moment = func.timezone(literal_column("'UTC'"), _C.created_at)
    if dimension is not Dimension.DAY:
        moment = func.date_trunc(literal_column(f"'{dimension.value}'"), moment)
    return func.to_char(moment, literal_column("'YYYY-MM-DD'"))


def dimension_expression(dimension: Dimension, dialect: str) -> ColumnElement[Any]:
    plain: dict[Dimension, ColumnElement[Any]] = {
        Dimension.CATEGORY: products.c.category,
        Dimension.STATUS: _C.status,
        Dimension.PRODUCT_ID: _C.product_id,
        Dimension.CUSTOMER_ID: _C.customer_id,
    }
    expression: ColumnElement[Any]
    if dimension in plain:
        expression = plain[dimension]
    elif dialect == "postgresql":
        expression = _postgresql_bucket(dimension)
    else:
        expression = _sqlite_bucket(dimension)
    is_text = dimension not in (Dimension.PRODUCT_ID, Dimension.CUSTOMER_ID)
    return collate(expression, "C") if is_text and dialect == "postgresql" else expression


def metric_expression(metric: Metric) -> ColumnElement[int]:
    """The metric of one group, exactly as `GroupTotals.value` derives it."""
    count = func.count()
    if metric is Metric.ORDERS:
        return count
    if metric is Metric.UNITS:
        return _sum(_C.quantity)
    if metric is Metric.REVENUE:
        return revenue_cents()
    if metric is Metric.AVG_UNIT_PRICE:
        # Halves round up; NULLIF makes an empty set NULL instead of a division by zero.
        total = _sum(unit_price_cents())
        return (_TWO * total + count) // func.nullif(_TWO * count, _ZERO, type_=BigInteger)
    return func.count(_C.customer_id.distinct())


def revenue_cents() -> ColumnElement[int]:
    return _sum(case((is_earning(), _C.quantity * unit_price_cents()), else_=_ZERO))


def count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return _sum(case((condition, _ONE), else_=_ZERO))
