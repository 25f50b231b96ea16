"""The analytics use cases over the fake store: caching, trends, the breaker, the live ticks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import orjson
import pytest

from spacetime_service.adapters.spacetime.chunk_sizers import SqrtChunkSizer
from spacetime_service.adapters.spacetime.memory_aware_cache import MemoryAwareCache
from spacetime_service.adapters.spacetime.msgpack_external_sorter import MsgpackExternalSorter
from spacetime_service.application.analytics.aggregate_orders import (
    AggregateOrders,
    AggregateOrdersCommand,
    AggregationEngine,
)
from spacetime_service.application.analytics.stream_analytics import StreamAnalytics, StreamAnalyticsCommand
from spacetime_service.application.analytics.summary import (
    AnalyticsSummary,
    AnalyticsSummaryCommand,
)
from spacetime_service.application.analytics.trends import AnalyticsTrends, AnalyticsTrendsCommand
from spacetime_service.application.memory.guard import MemoryGuard
from spacetime_service.domain.analytics import AggregateQuery, AnalyticsFilter, Dimension, Interval, Metric
from spacetime_service.domain.errors import InvalidInput, Unavailable
from spacetime_service.domain.memory import MemoryPressure
from tests.fakes.analytics import FakeOrderAnalytics
from tests.fakes.memory import FakeMemoryMonitor
from tests.support.analytics_datasets import order, tiny_history

if TYPE_CHECKING:
    from pathlib import Path


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.now_value = now

    def now(self) -> datetime:
        return self.now_value


@pytest.fixture
def analytics() -> FakeOrderAnalytics:
    history = tiny_history()
    return FakeOrderAnalytics(history.orders, history.products)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime(2025, 4, 2, 12, 0, tzinfo=UTC))


def _summary(analytics: FakeOrderAnalytics, clock: FixedClock) -> AnalyticsSummary:
    return AnalyticsSummary(
        analytics, MemoryAwareCache(1_000_000, FakeMemoryMonitor()), clock, ttl_seconds=30
    )


def test_the_summary_is_cached_until_an_order_is_added(
    analytics: FakeOrderAnalytics, clock: FixedClock
) -> None:
    use_case = _summary(analytics, clock)
    first = use_case.execute(AnalyticsSummaryCommand())
    again = use_case.execute(AnalyticsSummaryCommand())
    analytics.add([order(6, 9, 1, 1, "1.00", "placed", "2025-04-02T00:00:00")])
    after = use_case.execute(AnalyticsSummaryCommand())

    assert (first.cached, again.cached, after.cached) == (False, True, False)
    assert again.summary == first.summary
    assert first.summary.revenue == Decimal("33.50")
    assert after.summary.orders == 6


def test_the_summary_cache_expires_with_its_time_slot(
    analytics: FakeOrderAnalytics, clock: FixedClock
) -> None:
    use_case = _summary(analytics, clock)
    use_case.execute(AnalyticsSummaryCommand())
    clock.now_value += timedelta(seconds=31)
    assert not use_case.execute(AnalyticsSummaryCommand()).cached


def test_filters_that_select_the_same_orders_share_a_cache_entry(
    analytics: FakeOrderAnalytics, clock: FixedClock
) -> None:
    use_case = _summary(analytics, clock)
    use_case.execute(AnalyticsSummaryCommand(AnalyticsFilter(categories=("toys", "books"))))
    assert use_case.execute(AnalyticsSummaryCommand(AnalyticsFilter(categories=("books", "toys")))).cached
    assert not use_case.execute(AnalyticsSummaryCommand(AnalyticsFilter(categories=("toys",)))).cached


def test_trends_list_every_bucket_of_the_range_with_a_moving_average(analytics: FakeOrderAnalytics) -> None:
    command = AnalyticsTrendsCommand(
        Metric.ORDERS, Interval.WEEK, AnalyticsFilter.for_days(date(2025, 2, 24), date(2025, 4, 6)), window=2
    )
    series = AnalyticsTrends(analytics).execute(command)
    assert [(point.bucket.isoformat(), point.value) for point in series.points] == [
        ("2025-02-24", 1),
        ("2025-03-03", 1),
        ("2025-03-10", 0),
        ("2025-03-17", 0),
        ("2025-03-24", 0),
        ("2025-03-31", 3),
    ]
    assert [point.moving_average for point in series.points] == [
        None,
        1,
        Decimal("0.5"),
        0,
        0,
        Decimal("1.5"),
    ]


def test_trends_of_an_average_leave_empty_buckets_without_a_value(analytics: FakeOrderAnalytics) -> None:
    series = AnalyticsTrends(analytics).execute(
        AnalyticsTrendsCommand(Metric.AVG_UNIT_PRICE, Interval.DAY, window=1)
    )
    assert series.points[0].value == 1000
    assert series.points[1].value == 550
    assert series.points[2].value is None  # 4 March: no orders
    assert len(series.points) == 31  # 2 March to 1 April


def test_a_series_too_long_is_refused(analytics: FakeOrderAnalytics) -> None:
    command = AnalyticsTrendsCommand(
        Metric.ORDERS, Interval.DAY, AnalyticsFilter.for_days(date(2000, 1, 1), date(2025, 1, 1))
    )
    with pytest.raises(InvalidInput) as refused:
        AnalyticsTrends(analytics).execute(command)
    assert refused.value.field == "interval"


def _aggregate(analytics: FakeOrderAnalytics, monitor: FakeMemoryMonitor, tmp_path: Path) -> AggregateOrders:
    sorter = MsgpackExternalSorter(tmp_path, budget_bytes=4096)
    chunks = SqrtChunkSizer(budget_bytes=10**6, min_rows=1, max_rows=10)
    return AggregateOrders(analytics, sorter, chunks, MemoryGuard(monitor))


def test_aggregate_streams_ndjson_with_money_as_text(analytics: FakeOrderAnalytics, tmp_path: Path) -> None:
    use_case = _aggregate(analytics, FakeMemoryMonitor(), tmp_path)
    query = AggregateQuery((Dimension.CATEGORY,), (Metric.ORDERS, Metric.REVENUE, Metric.AVG_UNIT_PRICE))
    for engine in AggregationEngine:
        stream = use_case.execute(AggregateOrdersCommand(query, engine))
        lines = b"".join(stream.chunks).splitlines()
        assert stream.media_type == "application/x-ndjson"
        assert [orjson.loads(line) for line in lines] == [
            {"category": "books", "orders": 3, "revenue": "20.00", "avg_unit_price": "3.75"},
            {"category": "toys", "orders": 2, "revenue": "13.50", "avg_unit_price": "3.75"},
        ]


def test_the_spacetime_engine_is_refused_while_memory_is_critical(
    analytics: FakeOrderAnalytics, tmp_path: Path
) -> None:
    monitor = FakeMemoryMonitor()
    use_case = _aggregate(analytics, monitor, tmp_path)
    query = AggregateQuery((Dimension.CATEGORY,), (Metric.ORDERS,))
    monitor.set_pressure(MemoryPressure.CRITICAL)

    with pytest.raises(Unavailable) as refused:
        use_case.execute(AggregateOrdersCommand(query, AggregationEngine.SPACETIME))
    database = use_case.execute(AggregateOrdersCommand(query, AggregationEngine.DATABASE))

    assert refused.value.retry_after_seconds > 0
    assert b"".join(database.chunks).count(b"\n") == 2
    monitor.set_pressure(MemoryPressure.NORMAL)
    assert b"".join(use_case.execute(AggregateOrdersCommand(query, AggregationEngine.SPACETIME)).chunks)


def test_live_ticks_summarise_orders_since_the_start_or_in_a_sliding_window(
    analytics: FakeOrderAnalytics, clock: FixedClock
) -> None:
    use_case = StreamAnalytics(analytics, clock)
    clock.now_value = datetime(2025, 4, 1, 0, 0, tzinfo=UTC)
    first = use_case.execute(StreamAnalyticsCommand())
    clock.now_value = datetime(2025, 4, 1, 12, 0, tzinfo=UTC)
    second = use_case.execute(StreamAnalyticsCommand(started_at=first.started_at, sequence=2))
    window = use_case.execute(StreamAnalyticsCommand(sequence=3, window_seconds=3600))

    assert (first.sequence, first.summary.orders) == (1, 2)  # orders 4 and 5 come later that day
    assert second.since == first.started_at
    assert second.summary.orders == 2
    assert window.since == datetime(2025, 4, 1, 11, 0, tzinfo=UTC)
    assert window.summary.orders == 0
    with pytest.raises(InvalidInput):
        use_case.execute(StreamAnalyticsCommand(window_seconds=0))
