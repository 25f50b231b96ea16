"""Port: aggregates of the order history, computed where the orders are kept, and a keyset stream of
the few fields grouping needs, for aggregating outside the store.

The rules of every figure are in `domain.analytics` and `domain.analytics_figures`; a store computes
them exactly, in integers (money in cents), so that its answers equal those of any other way of
computing them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from datetime import date

    from spacetime_service.domain.analytics import (
        AggregateQuery,
        AnalyticsFilter,
        Dimension,
        DimensionValue,
        Interval,
        Metric,
        MetricValue,
    )
    from spacetime_service.domain.analytics_figures import OrderTotals


@dataclass(frozen=True, slots=True)
class GroupRow:
    """One group: its dimension values (in the query's group_by order) and metric values (in its
    metrics order). Time dimensions are ISO dates (`2025-03-01`), ids are ints, the rest text."""

    key: tuple[DimensionValue, ...]
    values: tuple[MetricValue, ...]


@dataclass(frozen=True, slots=True)
class GroupingRow:
    """What one order contributes to a group: the values of the requested dimensions, and the fields
    every metric is derived from."""

    id: int
    key: tuple[DimensionValue, ...]
    customer_id: int
    quantity: int
    unit_price_cents: int
    earning: bool


@dataclass(frozen=True, slots=True)
class TrendPoint:
    bucket: date
    value: MetricValue


@runtime_checkable
class OrderAnalytics(Protocol):
    def totals(self, analytics_filter: AnalyticsFilter) -> OrderTotals:
        """The summary totals of every matching order."""

    def trend(
        self, analytics_filter: AnalyticsFilter, metric: Metric, interval: Interval
    ) -> list[TrendPoint]:
        """One point per bucket that has matching orders, in bucket order."""

    def aggregate(self, query: AggregateQuery) -> Iterator[GroupRow]:
        """The query's rows in its order, grouped by the store itself; closing the iterator releases the
        store at once."""

    def count(self, analytics_filter: AnalyticsFilter) -> int:
        """How many orders match."""

    def grouping_rows(
        self, analytics_filter: AnalyticsFilter, dimensions: Sequence[Dimension], *, after_id: int, limit: int
    ) -> list[GroupingRow]:
        """At most `limit` matching orders with ids above `after_id`, in id order (a keyset chunk)."""

    def latest_order_id(self) -> int:
        """The highest order id stored (0 when there are none): it moves whenever an order is added."""
