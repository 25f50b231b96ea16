"""Use case: one metric of the order history over time, with its moving average."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from spacetime_service.domain.analytics import AnalyticsFilter, Interval, Metric, MetricValue
from spacetime_service.domain.analytics_series import bucket_start, buckets_between, moving_averages
from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from decimal import Decimal

    from spacetime_service.application.ports.order_analytics import OrderAnalytics, TrendPoint

DEFAULT_WINDOW = 7


@dataclass(frozen=True, slots=True)
class AnalyticsTrendsCommand:
    metric: Metric
    interval: Interval
    analytics_filter: AnalyticsFilter = field(default_factory=AnalyticsFilter)
    window: int = DEFAULT_WINDOW


@dataclass(frozen=True, slots=True)
class TrendValue:
    """`value` is in the metric's unit (cents for money); `moving_average` too, exact."""

    bucket: date
    value: MetricValue
    moving_average: Decimal | None


@dataclass(frozen=True, slots=True)
class TrendSeries:
    metric: Metric
    interval: Interval
    window: int
    points: tuple[TrendValue, ...]


class AnalyticsTrends:
    """The store computes the metric per bucket (one GROUP BY); every bucket of the range is then
    listed, those without orders as 0 (or no value, for an average), and each point gets the trailing
    mean of the last `window` points. The range is the filter's dates when given, else the first and
    last buckets with orders; a series longer than MAX_SERIES_POINTS is refused."""

    def __init__(self, analytics: OrderAnalytics) -> None:
        self._analytics = analytics

    def execute(self, command: AnalyticsTrendsCommand) -> TrendSeries:
        interval, metric = command.interval, command.metric
        points = self._analytics.trend(command.analytics_filter, metric, interval)
        first, last = _range(command.analytics_filter, interval, points)
        try:
            buckets = [] if first is None or last is None else buckets_between(first, last, interval)
            known = {point.bucket: point.value for point in points}
            empty: MetricValue = None if metric is Metric.AVG_UNIT_PRICE else 0
            values = [known.get(bucket, empty) for bucket in buckets]
            averages = moving_averages(values, command.window)
        except ValueError as error:
            raise InvalidInput(
                str(error), field="window" if "window" in str(error) else "interval"
            ) from error
        series = tuple(TrendValue(*point) for point in zip(buckets, values, averages, strict=True))
        return TrendSeries(metric, interval, command.window, series)


def _range(
    analytics_filter: AnalyticsFilter, interval: Interval, points: list[TrendPoint]
) -> tuple[date | None, date | None]:
    start, end = analytics_filter.created_from, analytics_filter.created_to
    first = bucket_start(start, interval) if start else (points[0].bucket if points else None)
    last = (
        bucket_start(end - timedelta(microseconds=1), interval)
        if end
        else (points[-1].bucket if points else None)
    )
    return first, last
