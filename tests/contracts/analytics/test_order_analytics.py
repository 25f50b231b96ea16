"""Contract: every OrderAnalytics computes the figures of domain.analytics exactly, on the hand-worked
tiny history (see datasets.tiny_history)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.ports.order_analytics import GroupRow, TrendPoint
from spacetime_service.domain.analytics import (
    AggregateQuery,
    AnalyticsFilter,
    Dimension,
    Interval,
    Metric,
    OrderBy,
)
from spacetime_service.domain.analytics_figures import OrderTotals
from spacetime_service.domain.orders import OrderStatus
from tests.support.analytics_datasets import History, tiny_history

if TYPE_CHECKING:
    from tests.support.analytics_stores import Store

ALL = tuple(Metric)


@pytest.fixture
def tiny(store: Store) -> Store:
    store.load(tiny_history())
    return store


def _rows(store: Store, query: AggregateQuery) -> list[GroupRow]:
    return list(store.analytics().aggregate(query))


def test_totals_count_every_order_and_earn_only_on_placed_or_shipped(tiny: Store) -> None:
    assert tiny.analytics().totals(AnalyticsFilter()) == OrderTotals(
        orders=5, units=11, revenue_cents=3350, earning_orders=3, returned_orders=1, unique_customers=3
    )


@pytest.mark.parametrize(
    ("selection", "orders"),
    [
        (AnalyticsFilter(categories=("toys",)), 2),
        (AnalyticsFilter(statuses=(OrderStatus.PLACED,)), 2),
        (AnalyticsFilter.for_days(date(2025, 3, 3), date(2025, 3, 31)), 2),
        (AnalyticsFilter.for_days(date(2025, 3, 2), date(2025, 3, 2)), 1),
        (AnalyticsFilter.for_days(date(2025, 4, 1), None, categories=("books",)), 1),
        (AnalyticsFilter(categories=("garden",)), 0),
    ],
)
def test_filters_select_by_days_category_and_status(
    tiny: Store, selection: AnalyticsFilter, orders: int
) -> None:
    assert tiny.analytics().totals(selection).orders == orders
    assert tiny.analytics().count(selection) == orders


def test_groups_by_category_with_every_metric(tiny: Store) -> None:
    assert _rows(tiny, AggregateQuery((Dimension.CATEGORY,), ALL)) == [
        GroupRow(("books",), (3, 6, 2000, 375, 3)),
        GroupRow(("toys",), (2, 5, 1350, 375, 2)),
    ]


@pytest.mark.parametrize(
    ("dimension", "keys"),
    [
        (Dimension.DAY, ["2025-03-02", "2025-03-03", "2025-03-31", "2025-04-01"]),
        (Dimension.WEEK, ["2025-02-24", "2025-03-03", "2025-03-31"]),
        (Dimension.MONTH, ["2025-03-01", "2025-04-01"]),
        (Dimension.STATUS, ["cancelled", "placed", "returned", "shipped"]),
        (Dimension.CUSTOMER_ID, [1, 2, 3]),
        (Dimension.PRODUCT_ID, [1, 2, 3]),
    ],
)
def test_time_buckets_are_utc_days_iso_weeks_and_months(
    tiny: Store, dimension: Dimension, keys: list[object]
) -> None:
    rows = _rows(tiny, AggregateQuery((dimension,), (Metric.ORDERS,)))
    assert [row.key[0] for row in rows] == keys
    assert sum(row.values[0] or 0 for row in rows) == 5


def test_order_by_a_metric_breaks_ties_by_the_dimensions_in_the_same_direction(tiny: Store) -> None:
    ascending = AggregateQuery((Dimension.CATEGORY,), ALL, order_by=OrderBy.parse("avg_unit_price"))
    descending = AggregateQuery((Dimension.CATEGORY,), ALL, order_by=OrderBy.parse("-avg_unit_price"))
    assert [row.key for row in _rows(tiny, ascending)] == [("books",), ("toys",)]
    assert [row.key for row in _rows(tiny, descending)] == [("toys",), ("books",)]


def test_order_by_a_dimension_and_limit(tiny: Store) -> None:
    query = AggregateQuery(
        (Dimension.MONTH, Dimension.CUSTOMER_ID),
        (Metric.UNITS,),
        order_by=OrderBy.parse("-customer_id"),
        limit=3,
    )
    assert _rows(tiny, query) == [
        GroupRow(("2025-04-01", 3), (1,)),
        GroupRow(("2025-04-01", 2), (4,)),
        GroupRow(("2025-03-01", 2), (3,)),
    ]


def test_without_group_by_one_row_covers_everything_even_nothing(store: Store) -> None:
    store.load(History((), ()))
    assert _rows(store, AggregateQuery((), ALL)) == [GroupRow((), (0, 0, 0, None, 0))]
    assert _rows(store, AggregateQuery((Dimension.CATEGORY,), ALL)) == []
    assert store.analytics().latest_order_id() == 0
    assert store.analytics().totals(AnalyticsFilter()) == OrderTotals()


def test_trend_has_one_point_per_bucket_with_orders(tiny: Store) -> None:
    points = tiny.analytics().trend(AnalyticsFilter(), Metric.REVENUE, Interval.MONTH)
    assert points == [TrendPoint(date(2025, 3, 1), 2550), TrendPoint(date(2025, 4, 1), 800)]
    weekly = tiny.analytics().trend(
        AnalyticsFilter(categories=("toys",)), Metric.UNIQUE_CUSTOMERS, Interval.WEEK
    )
    assert weekly == [TrendPoint(date(2025, 3, 3), 1), TrendPoint(date(2025, 3, 31), 1)]


def test_grouping_rows_are_keyset_chunks_in_id_order(tiny: Store) -> None:
    analytics = tiny.analytics()
    dims = (Dimension.CATEGORY, Dimension.WEEK)
    first = analytics.grouping_rows(AnalyticsFilter(), dims, after_id=0, limit=2)
    rest = analytics.grouping_rows(AnalyticsFilter(), dims, after_id=first[-1].id, limit=10)
    assert [row.id for row in first] == [1, 2]
    assert [row.id for row in rest] == [3, 4, 5]
    assert first[0].key == ("books", "2025-02-24")
    assert (first[0].customer_id, first[0].quantity, first[0].unit_price_cents, first[0].earning) == (
        1,
        2,
        1000,
        True,
    )
    assert [row.earning for row in rest] == [False, False, True]
    filtered = analytics.grouping_rows(AnalyticsFilter(categories=("toys",)), (), after_id=0, limit=10)
    assert [(row.id, row.key) for row in filtered] == [(2, ()), (5, ())]


def test_latest_order_id_is_the_highest_id(tiny: Store) -> None:
    assert tiny.analytics().latest_order_id() == 5


def test_aggregate_stream_can_be_closed_early(tiny: Store) -> None:
    rows = tiny.analytics().aggregate(AggregateQuery((Dimension.DAY,), (Metric.ORDERS,)))
    assert next(rows).key == ("2025-03-02",)
    close = getattr(rows, "close", None)
    if close is not None:
        close()
    # the store answers again once the stream is closed (its connection went back)
    assert tiny.analytics().count(AnalyticsFilter()) == 5
