"""Use case: the headline figures of the order history, cached briefly."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from spacetime_service.domain.analytics import AnalyticsFilter
from spacetime_service.domain.analytics_figures import Summary

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacetime_service.application.ports.cache import Cache, CacheValue
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.order_analytics import OrderAnalytics

DEFAULT_TTL_SECONDS = 30


@dataclass(frozen=True, slots=True)
class AnalyticsSummaryCommand:
    analytics_filter: AnalyticsFilter = field(default_factory=AnalyticsFilter)


@dataclass(frozen=True, slots=True)
class AnalyticsSummaryResult:
    summary: Summary
    cached: bool


class AnalyticsSummary:
    """Orders, units, revenue, exact unique customers, return rate and average order value of the
    matching orders (rules in `domain.analytics_figures`).

    An answer is reused for requests with the same filter while no order has been added (the highest
    order id is part of the cache key) and for at most `ttl_seconds` (the key also holds the current
    time slot), so a change that adds no order, such as a status update, shows within that time."""

    def __init__(
        self, analytics: OrderAnalytics, cache: Cache, clock: Clock, *, ttl_seconds: int = DEFAULT_TTL_SECONDS
    ) -> None:
        if ttl_seconds < 1:
            raise ValueError("the cache lifetime must be at least one second")
        self._analytics = analytics
        self._cache = cache
        self._clock = clock
        self._ttl_seconds = ttl_seconds

    def execute(self, command: AnalyticsSummaryCommand) -> AnalyticsSummaryResult:
        key = self._key(command.analytics_filter)
        stored = self._cache.get(key)
        if isinstance(stored, dict):
            return AnalyticsSummaryResult(_summary_from(stored), cached=True)
        summary = Summary.of(self._analytics.totals(command.analytics_filter))
        self._cache.put(key, _summary_to(summary))
        return AnalyticsSummaryResult(summary, cached=False)

    def _key(self, analytics_filter: AnalyticsFilter) -> str:
        slot = int(self._clock.now().timestamp()) // self._ttl_seconds
        latest = self._analytics.latest_order_id()
        return f"analytics-summary|{slot}|{latest}|{filter_key(analytics_filter)}"


def filter_key(analytics_filter: AnalyticsFilter) -> str:
    """The same text for filters that select the same orders (lists compared as sets)."""
    f = analytics_filter
    moments = [m.isoformat() if m else "" for m in (f.created_from, f.created_to)]
    return "|".join([*moments, ",".join(sorted(f.categories)), ",".join(sorted(f.statuses))])


def _summary_to(summary: Summary) -> CacheValue:
    average = summary.average_order_value
    return {
        "orders": summary.orders,
        "units": summary.units,
        "revenue": str(summary.revenue),
        "unique_customers": summary.unique_customers,
        "return_rate": str(summary.return_rate),
        "average_order_value": None if average is None else str(average),
    }


def _summary_from(stored: Mapping[str, object]) -> Summary:
    average = stored["average_order_value"]
    return Summary(
        orders=int(str(stored["orders"])),
        units=int(str(stored["units"])),
        revenue=Decimal(str(stored["revenue"])),
        unique_customers=int(str(stored["unique_customers"])),
        return_rate=Decimal(str(stored["return_rate"])),
        average_order_value=None if average is None else Decimal(str(average)),
    )
