"""OrderAnalytics in SQL: every aggregate is one GROUP BY (or one plain aggregate) in the database."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Engine, Label, func, literal_column, select

from spacetime_service.adapters.sqlalchemy.analytics.filters import analytics_conditions, orders_source
from spacetime_service.adapters.sqlalchemy.analytics.sql import (
    count_where,
    dimension_expression,
    metric_expression,
    revenue_cents,
    unit_price_cents,
)
from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders
from spacetime_service.application.ports.order_analytics import GroupingRow, GroupRow, TrendPoint
from spacetime_service.domain.analytics import (
    AggregateQuery,
    AnalyticsFilter,
    Dimension,
    DimensionValue,
    Interval,
    Metric,
)
from spacetime_service.domain.analytics_figures import OrderTotals
from spacetime_service.domain.orders import OrderStatus
from spacetime_service.domain.reports import EARNING_STATUSES

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

_C = orders.c


class SqlAlchemyOrderAnalytics:
    """Each call takes a pooled connection and gives it back; `aggregate` holds one until its iterator
    ends or is closed, reading `fetch_rows` result rows at a time (a server-side cursor on PostgreSQL)."""

    def __init__(self, engine: Engine, fetch_rows: int) -> None:
        self._engine = engine
        self._fetch_rows = fetch_rows
        self._dialect = engine.dialect.name

    def totals(self, analytics_filter: AnalyticsFilter) -> OrderTotals:
        statement = select(
            func.count(),
            metric_expression(Metric.UNITS),
            revenue_cents(),
            count_where(_C.status.in_(EARNING_STATUSES)),
            count_where(_C.status == OrderStatus.RETURNED.value),
            metric_expression(Metric.UNIQUE_CUSTOMERS),
        ).select_from(orders_source(analytics_filter))
        with translated_errors(), self._engine.connect() as connection:
            row = connection.execute(statement.where(*analytics_conditions(analytics_filter))).one()
        return OrderTotals(*(int(value) for value in row))

    def trend(
        self, analytics_filter: AnalyticsFilter, metric: Metric, interval: Interval
    ) -> list[TrendPoint]:
        bucket = dimension_expression(interval.dimension, self._dialect).label("bucket")
        statement = (
            select(bucket, metric_expression(metric))
            .select_from(orders_source(analytics_filter))
            .where(*analytics_conditions(analytics_filter))
            .group_by(bucket)
            .order_by(bucket)
        )
        with translated_errors(), self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        return [TrendPoint(date.fromisoformat(str(day)), value) for day, value in rows]

    def aggregate(self, query: AggregateQuery) -> Iterator[GroupRow]:
        keys = {d: dimension_expression(d, self._dialect).label(f"d_{d.value}") for d in query.group_by}
        values = [metric_expression(m).label(f"m_{m.value}") for m in query.metrics]
        statement = (
            select(*keys.values(), *values)
            .select_from(orders_source(query.analytics_filter, query.group_by))
            .where(*analytics_conditions(query.analytics_filter))
            .group_by(*keys.values())
            .order_by(*_ordering(query, keys, values))
        )
        if query.limit is not None:
            statement = statement.limit(query.limit)
        width = len(keys)
        with translated_errors(), self._engine.connect() as connection:
            result = connection.execution_options(yield_per=self._fetch_rows).execute(statement)
            try:
                for row in result:
                    yield GroupRow(_key(row[:width]), _values(row[width:]))
            finally:
                result.close()

    def count(self, analytics_filter: AnalyticsFilter) -> int:
        statement = select(func.count()).select_from(orders_source(analytics_filter))
        with translated_errors(), self._engine.connect() as connection:
            return int(connection.scalar(statement.where(*analytics_conditions(analytics_filter))) or 0)

    def grouping_rows(
        self, analytics_filter: AnalyticsFilter, dimensions: Sequence[Dimension], *, after_id: int, limit: int
    ) -> list[GroupingRow]:
        keys = [dimension_expression(d, self._dialect) for d in dimensions]
        statement = (
            select(_C.id, _C.customer_id, _C.quantity, unit_price_cents(), _C.status, *keys)
            .select_from(orders_source(analytics_filter, dimensions))
            .where(_C.id > after_id, *analytics_conditions(analytics_filter))
            .order_by(_C.id)
            .limit(limit)
        )
        with translated_errors(), self._engine.connect() as connection:
            rows = connection.execute(statement).all()
        return [
            GroupingRow(
                id=row[0],
                key=_key(row[5:]),
                customer_id=row[1],
                quantity=row[2],
                unit_price_cents=row[3],
                earning=row[4] in EARNING_STATUSES,
            )
            for row in rows
        ]

    def latest_order_id(self) -> int:
        with translated_errors(), self._engine.connect() as connection:
            return int(connection.scalar(select(func.coalesce(func.max(_C.id), literal_column("0")))) or 0)


def _key(values: Sequence[object]) -> tuple[DimensionValue, ...]:
    return tuple(value if isinstance(value, int | str) else str(value) for value in values)


def _values(values: Sequence[object]) -> tuple[int | None, ...]:
    return tuple(value if value is None or isinstance(value, int) else int(str(value)) for value in values)


def _ordering(
    query: AggregateQuery, keys: dict[Dimension, Label[Any]], values: list[Label[int]]
) -> list[ColumnElement[Any]]:
    """The sort metric (if any), then the dimensions in sort order, all in the query's direction."""
    ordered: list[ColumnElement[Any]] = []
    metric = query.sort_metric
    if metric is not None:
        ordered.append(values[query.metrics.index(metric)])
    ordered.extend(keys[dimension] for dimension in query.sort_dimensions)
    return [column.desc() if query.descending else column.asc() for column in ordered]
