"""Daily aggregates of the order history, grouped and counted by the database itself.

Each query reads one range of `created_at` (the `(created_at, id)` index finds it) and groups by the
UTC day, or month: SQLite keeps times as UTC text, whose first ten (seven) characters are the day
(month); PostgreSQL truncates its `timestamptz`, taken in UTC, to a date. COUNT(DISTINCT customer_id) is
exact and its memory is the database's (which spills to disk), not this process's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Connection,
    Date,
    Select,
    case,
    cast,
    func,
    select,
    type_coerce,
)

from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from spacetime_service.domain.money import from_cents
from spacetime_service.domain.reports import (
    EARNING_STATUSES,
    DailyStats,
    DayRange,
    ProductSales,
    SalesPeriod,
)

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

# Rows fetched at a time from a large result (product sales), so memory stays bounded.
FETCH_ROWS = 2_000


def _period(dialect: str, period: SalesPeriod) -> ColumnElement[Any]:
    """SQLite: the UTC text's first 10 (7) characters. PostgreSQL: the UTC date of the day (of the
    month's first day), which sorts far faster than text in a linguistic collation."""
    created = orders.c.created_at
    if dialect == "sqlite":
        return func.substr(created, 1, 10 if period is SalesPeriod.DAY else 7)
    return cast(func.date_trunc(period.value, func.timezone("UTC", created)), Date)


def _label(value: object, period: SalesPeriod) -> str:
    return period.label(value) if isinstance(value, date) else str(value)


def _within(days: DayRange) -> list[ColumnElement[bool]]:
    start = datetime.combine(days.start, time(), tzinfo=UTC)
    end = datetime.combine(days.end + timedelta(days=1), time(), tzinfo=UTC)
    return [orders.c.created_at >= start, orders.c.created_at < end]


def _cents(total: object) -> Decimal:
    return from_cents(int(total or 0))  # type: ignore[call-overload]


def daily_stats_statement(dialect: str, days: DayRange) -> Select[Any, int, Any, int, Any]:
    """day, orders, revenue in cents, unique customers, returned orders; one row per day with orders."""
    day = _period(dialect, SalesPeriod.DAY).label("day")
    earning = orders.c.status.in_(EARNING_STATUSES)
    line_cents = orders.c.quantity * type_coerce(orders.c.unit_price, BigInteger)
    return (
        select(
            day,
            func.count(),
            func.sum(case((earning, line_cents), else_=0)),
            func.count(orders.c.customer_id.distinct()),
            func.sum(case((orders.c.status == "returned", 1), else_=0)),
        )
        .where(*_within(days))
        .group_by(day)
        .order_by(day)
    )


class SqlAlchemyOrderStatistics:
    """OrderStatistics on the unit of work's connection."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def daily_stats(self, days: DayRange) -> Iterator[DailyStats]:
        statement = daily_stats_statement(self._connection.dialect.name, days)
        with translated_errors():
            for day, count, revenue, customers, returned in self._connection.execute(statement):
                found = day if isinstance(day, date) else date.fromisoformat(day)
                yield DailyStats(found, int(count), _cents(revenue), int(customers), int(returned))

    def product_sales(self, days: DayRange, period: SalesPeriod) -> Iterator[ProductSales]:
        label = _period(self._connection.dialect.name, period).label("period")
        line_cents = orders.c.quantity * type_coerce(orders.c.unit_price, BigInteger)
        sales = (
            select(
                label,
                orders.c.product_id,
                func.count().label("orders"),
                func.sum(orders.c.quantity).label("units"),
                func.sum(line_cents).label("revenue"),
            )
            .where(*_within(days), orders.c.status.in_(EARNING_STATUSES))
            .group_by(label, orders.c.product_id)
            .subquery()
        )
        statement = (
            select(
                sales.c.period,
                sales.c.product_id,
                products.c.sku,
                sales.c.orders,
                sales.c.units,
                sales.c.revenue,
            )
            .join_from(sales, products, products.c.id == sales.c.product_id)
            .order_by(sales.c.period, sales.c.product_id)
            .execution_options(yield_per=FETCH_ROWS)
        )
        with translated_errors():
            for period_value, product_id, sku, count, units, revenue in self._connection.execute(statement):
                shown = _label(period_value, period)
                yield ProductSales(int(product_id), sku, shown, int(count), int(units), _cents(revenue))
