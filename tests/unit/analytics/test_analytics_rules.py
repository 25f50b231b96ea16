"""The domain rules of analytics: allow-lists, query validation, buckets, averages and summaries."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from spacetime_service.domain.analytics import (
    AggregateQuery,
    AnalyticsFilter,
    Dimension,
    Interval,
    Metric,
    OrderBy,
    parse_name,
)
from spacetime_service.domain.analytics_figures import OrderTotals, Summary, average_cents
from spacetime_service.domain.analytics_series import bucket_start, buckets_between, moving_averages
from spacetime_service.domain.errors import InvalidInput


def test_names_outside_the_allow_lists_are_refused_with_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match="known: category") as refused:
        parse_name(Dimension, "name; DROP TABLE orders", field="group_by")
    assert refused.value.field == "group_by"
    assert parse_name(Metric, "revenue", field="metrics") is Metric.REVENUE


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("revenue", OrderBy(Metric.REVENUE)),
        ("-revenue", OrderBy(Metric.REVENUE, descending=True)),
        ("-customer_id", OrderBy(Dimension.CUSTOMER_ID, descending=True)),
    ],
)
def test_order_by_reads_a_metric_or_dimension_with_an_optional_minus(text: str, expected: OrderBy) -> None:
    assert OrderBy.parse(text) == expected


def test_order_by_an_unknown_field_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        OrderBy.parse("-price")
    assert refused.value.field == "order_by"


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        ({"group_by": (Dimension.DAY, Dimension.DAY), "metrics": (Metric.ORDERS,)}, "group_by"),
        ({"group_by": tuple(Dimension)[:5], "metrics": (Metric.ORDERS,)}, "group_by"),
        ({"group_by": (), "metrics": ()}, "metrics"),
        ({"group_by": (), "metrics": (Metric.ORDERS, Metric.ORDERS)}, "metrics"),
        (
            {"group_by": (Dimension.DAY,), "metrics": (Metric.ORDERS,), "order_by": OrderBy(Metric.UNITS)},
            "order_by",
        ),
        ({"group_by": (), "metrics": (Metric.ORDERS,), "limit": 0}, "limit"),
    ],
)
def test_invalid_queries_name_the_part_at_fault(arguments: dict[str, object], field: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        AggregateQuery(**arguments)  # type: ignore[arg-type]
    assert refused.value.field == field


def test_sort_dimensions_put_the_order_by_dimension_first() -> None:
    query = AggregateQuery(
        (Dimension.CATEGORY, Dimension.DAY), (Metric.ORDERS,), order_by=OrderBy(Dimension.DAY)
    )
    assert query.sort_dimensions == (Dimension.DAY, Dimension.CATEGORY)
    assert query.sort_metric is None


def test_a_day_range_includes_its_last_day_and_categories_are_an_allow_list() -> None:
    selection = AnalyticsFilter.for_days(date(2025, 3, 1), date(2025, 3, 1), categories=("books", "books"))
    assert selection.created_from == datetime(2025, 3, 1, tzinfo=UTC)
    assert selection.created_to == datetime(2025, 3, 2, tzinfo=UTC)
    assert selection.categories == ("books",)
    with pytest.raises(InvalidInput):
        AnalyticsFilter.for_days(categories=("weapons",))
    with pytest.raises(InvalidInput) as reversed_days:
        AnalyticsFilter.for_days(date(2025, 3, 2), date(2025, 3, 1))
    assert reversed_days.value.field == "start_date"


@pytest.mark.parametrize(
    ("moment", "interval", "start"),
    [
        (datetime(2025, 3, 2, 23, 59, tzinfo=UTC), Interval.WEEK, date(2025, 2, 24)),
        (datetime(2025, 3, 3, 0, 0, tzinfo=UTC), Interval.WEEK, date(2025, 3, 3)),
        (datetime(2025, 12, 31, 23, 0, tzinfo=UTC), Interval.MONTH, date(2025, 12, 1)),
        (datetime.fromisoformat("2025-03-02T23:30:00-02:00"), Interval.DAY, date(2025, 3, 3)),
    ],
)
def test_buckets_are_utc_days_iso_weeks_and_months(moment: datetime, interval: Interval, start: date) -> None:
    assert bucket_start(moment, interval) == start


def test_month_buckets_cross_the_year() -> None:
    assert buckets_between(date(2024, 11, 1), date(2025, 2, 1), Interval.MONTH) == [
        date(2024, 11, 1),
        date(2024, 12, 1),
        date(2025, 1, 1),
        date(2025, 2, 1),
    ]


def test_a_moving_average_waits_for_a_full_window_of_known_values() -> None:
    assert moving_averages([1, 2, 3, 4], 2) == [None, Decimal("1.5"), Decimal("2.5"), Decimal("3.5")]
    assert moving_averages([1, None, 3, 5], 2) == [None, None, None, Decimal(4)]
    with pytest.raises(ValueError, match="window"):
        moving_averages([1], 0)


def test_averages_round_half_up_in_whole_cents() -> None:
    assert average_cents(3, 2) == 2  # 1.5 cents
    assert average_cents(1126, 3) == 375
    assert average_cents(0, 0) is None


def test_a_summary_derives_rates_and_averages_from_the_totals() -> None:
    summary = Summary.of(
        OrderTotals(orders=5, units=11, revenue_cents=3350, earning_orders=3, returned_orders=1)
    )
    assert summary.revenue == Decimal("33.50")
    assert summary.return_rate == Decimal("0.2000")
    assert summary.average_order_value == Decimal("11.17")
    empty = Summary.of(OrderTotals())
    assert (empty.return_rate, empty.average_order_value) == (Decimal(0), None)
