"""Bodies of the analytics endpoints. Money is exact text ("12.34"); dates are ISO days."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from spacetime_service.application.analytics.trends import TrendSeries
from spacetime_service.application.encoding.wire import wire_money
from spacetime_service.domain.analytics import Dimension, Metric
from spacetime_service.domain.analytics_figures import Summary
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.money import round_money
from spacetime_service.domain.orders import OrderStatus
from spacetime_service.domain.ranges import MAX_ID
from spacetime_service.entrypoints.http.query_params import each_one_of


class SummaryOut(BaseModel):
    orders: int
    units: int
    revenue: str = Field(examples=["1234.50"], description="placed and shipped orders only")
    unique_customers: int = Field(description="exact count of distinct customers")
    return_rate: float = Field(examples=[0.0312], description="returned orders over all orders, 4 places")
    average_order_value: str | None = Field(examples=["41.20"], description="revenue per earning order")

    @classmethod
    def of(cls, summary: Summary) -> SummaryOut:
        average = summary.average_order_value
        return cls(
            orders=summary.orders,
            units=summary.units,
            revenue=wire_money(summary.revenue),
            unique_customers=summary.unique_customers,
            return_rate=float(summary.return_rate),
            average_order_value=None if average is None else wire_money(average),
        )


class SummaryEventOut(SummaryOut):
    """The data of a `summary` event of the live stream: the summary, and the time it covers."""

    at: str = Field(examples=["2025-03-01T12:34:56Z"], description="when the summary was taken (UTC)")
    since: str = Field(
        examples=["2025-03-01T12:00:00Z"], description="the start of the orders it counts (UTC)"
    )


class TrendPointOut(BaseModel):
    bucket: date = Field(description="the first day of the bucket (UTC)")
    value: str | int | None = Field(description="money as text, counts as numbers; null: no orders")
    moving_average: str | float | None = Field(description="trailing mean over `window` points")


class TrendOut(BaseModel):
    metric: Metric
    interval: str
    window: int
    points: list[TrendPointOut]

    @classmethod
    def of(cls, series: TrendSeries) -> TrendOut:
        money = series.metric.is_money
        points = [
            TrendPointOut(
                bucket=point.bucket,
                value=_money_or_count(point.value, money),
                moving_average=_average(point.moving_average, money),
            )
            for point in series.points
        ]
        return cls(metric=series.metric, interval=series.interval.value, window=series.window, points=points)


def _money_or_count(value: int | None, money: bool) -> str | int | None:
    if value is None or not money:
        return value
    return wire_money(Decimal(value) / 100)


def _average(value: Decimal | None, money: bool) -> str | float | None:
    if value is None:
        return None
    if money:
        return wire_money(round_money(value / 100))
    return float(round(value, 2))


class AggregateFiltersIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    start_date: date | None = Field(None, description="first UTC day, included")
    end_date: date | None = Field(None, description="last UTC day, included")
    category: list[str] = Field(
        default_factory=list,
        description="product categories; any when empty",
        json_schema_extra=each_one_of(CATEGORIES),
    )
    status: list[OrderStatus] = Field(default_factory=list, description="order statuses; any when empty")


class AggregateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    group_by: list[Dimension] = Field(default_factory=list, examples=[["category", "month"]])
    metrics: list[Metric] = Field(default_factory=lambda: [Metric.ORDERS], examples=[["orders", "revenue"]])
    filters: AggregateFiltersIn = Field(default_factory=AggregateFiltersIn)
    order_by: str | None = Field(None, examples=["-revenue"], description="a metric or dimension; - for desc")
    limit: int | None = Field(None, ge=1, le=MAX_ID, description="at most this many rows")
    engine: Literal["database", "spacetime"] = Field(
        "database",
        description="database: one GROUP BY in SQL; spacetime: keyset chunks grouped by external sort",
    )
