"""In-memory OrderAnalytics over lists of orders and products; it passes the same contract suite as
the SQL adapter (tests/contracts/analytics)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from spacetime_service.application.ports.order_analytics import GroupingRow, GroupRow, TrendPoint
from spacetime_service.domain.analytics import (
    AggregateQuery,
    AnalyticsFilter,
    Dimension,
    DimensionValue,
    Interval,
    Metric,
    MetricValue,
)
from spacetime_service.domain.analytics_figures import GroupTotals, OrderTotals
from spacetime_service.domain.analytics_series import bucket_start
from spacetime_service.domain.money import to_cents
from spacetime_service.domain.orders import Order, OrderStatus
from spacetime_service.domain.reports import EARNING_STATUSES

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

    from spacetime_service.domain.products import Product


@dataclass
class _Group:
    orders: int = 0
    units: int = 0
    revenue_cents: int = 0
    unit_price_cents: int = 0
    customers: set[int] = field(default_factory=set)

    def add(self, order: Order) -> None:
        self.orders += 1
        self.units += order.quantity
        self.unit_price_cents += to_cents(order.unit_price)
        if order.status.value in EARNING_STATUSES:
            self.revenue_cents += to_cents(order.unit_price) * order.quantity
        self.customers.add(order.customer_id)

    def totals(self) -> GroupTotals:
        return GroupTotals(
            self.orders, self.units, self.revenue_cents, self.unit_price_cents, len(self.customers)
        )


class FakeOrderAnalytics:
    def __init__(self, orders: Iterable[Order] = (), products: Iterable[Product] = ()) -> None:
        self._orders = sorted(orders, key=lambda order: order.id)
        self._categories = {product.id: product.category for product in products}

    def add(self, orders: Iterable[Order], products: Iterable[Product] = ()) -> None:
        self._orders = sorted([*self._orders, *orders], key=lambda order: order.id)
        self._categories.update({product.id: product.category for product in products})

    def totals(self, analytics_filter: AnalyticsFilter) -> OrderTotals:
        group = _Group()
        returned = earning = 0
        for order in self._matching(analytics_filter):
            group.add(order)
            returned += order.status is OrderStatus.RETURNED
            earning += order.status.value in EARNING_STATUSES
        return OrderTotals(
            group.orders, group.units, group.revenue_cents, earning, returned, len(group.customers)
        )

    def trend(
        self, analytics_filter: AnalyticsFilter, metric: Metric, interval: Interval
    ) -> list[TrendPoint]:
        groups = self._grouped(analytics_filter, (interval.dimension,))
        return [
            TrendPoint(_day(key[0]), group.totals().value(metric)) for key, group in sorted(groups.items())
        ]

    def aggregate(self, query: AggregateQuery) -> Iterator[GroupRow]:
        groups = self._grouped(query.analytics_filter, query.group_by)
        if not groups and not query.group_by:
            groups[()] = _Group()
        rows = [
            GroupRow(key, tuple(group.totals().value(metric) for metric in query.metrics))
            for key, group in groups.items()
        ]
        rows.sort(key=lambda row: _sort_key(row, query), reverse=query.descending)
        return iter(rows[: query.limit])

    def count(self, analytics_filter: AnalyticsFilter) -> int:
        return sum(1 for _ in self._matching(analytics_filter))

    def grouping_rows(
        self, analytics_filter: AnalyticsFilter, dimensions: Sequence[Dimension], *, after_id: int, limit: int
    ) -> list[GroupingRow]:
        rows: list[GroupingRow] = []
        start = bisect_right(self._orders, after_id, key=lambda order: order.id)
        for order in self._matching(analytics_filter, self._orders[start:]):
            if len(rows) == limit:
                break
            rows.append(
                GroupingRow(
                    id=order.id,
                    key=self._key(order, dimensions),
                    customer_id=order.customer_id,
                    quantity=order.quantity,
                    unit_price_cents=to_cents(order.unit_price),
                    earning=order.status.value in EARNING_STATUSES,
                )
            )
        return rows

    def latest_order_id(self) -> int:
        return self._orders[-1].id if self._orders else 0

    def _matching(
        self, analytics_filter: AnalyticsFilter, orders: Sequence[Order] | None = None
    ) -> Iterator[Order]:
        f = analytics_filter
        for order in self._orders if orders is None else orders:
            if f.created_from is not None and order.created_at < f.created_from:
                continue
            if f.created_to is not None and order.created_at >= f.created_to:
                continue
            if f.statuses and order.status not in f.statuses:
                continue
            if f.categories and self._categories.get(order.product_id) not in f.categories:
                continue
            yield order

    def _grouped(
        self, analytics_filter: AnalyticsFilter, dimensions: Sequence[Dimension]
    ) -> dict[tuple[DimensionValue, ...], _Group]:
        groups: dict[tuple[DimensionValue, ...], _Group] = defaultdict(_Group)
        for order in self._matching(analytics_filter):
            groups[self._key(order, dimensions)].add(order)
        return groups

    def _key(self, order: Order, dimensions: Sequence[Dimension]) -> tuple[DimensionValue, ...]:
        return tuple(self._value(order, dimension) for dimension in dimensions)

    def _value(self, order: Order, dimension: Dimension) -> DimensionValue:
        if dimension is Dimension.CATEGORY:
            return self._categories[order.product_id]
        if dimension is Dimension.STATUS:
            return order.status.value
        if dimension is Dimension.PRODUCT_ID:
            return order.product_id
        if dimension is Dimension.CUSTOMER_ID:
            return order.customer_id
        return bucket_start(order.created_at, Interval(dimension.value)).isoformat()


def _day(value: DimensionValue) -> date:
    return date.fromisoformat(str(value))


def _sort_key(row: GroupRow, query: AggregateQuery) -> tuple[MetricValue | DimensionValue, ...]:
    dimensions = tuple(row.key[query.group_by.index(d)] for d in query.sort_dimensions)
    metric = query.sort_metric
    return dimensions if metric is None else (row.values[query.metrics.index(metric)], *dimensions)
