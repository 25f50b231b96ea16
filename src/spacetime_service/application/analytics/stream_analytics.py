"""Use case: one tick of a live analytics stream, the summary of a moving set of orders."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from spacetime_service.domain.analytics import AnalyticsFilter
from spacetime_service.domain.analytics_figures import Summary
from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.order_analytics import OrderAnalytics
    from spacetime_service.domain.orders import OrderStatus

MAX_WINDOW_SECONDS = 31 * 24 * 3600


@dataclass(frozen=True, slots=True)
class StreamAnalyticsCommand:
    """`started_at` is the stream's start (None on its first tick: now); `window_seconds` makes the
    window slide instead."""

    started_at: datetime | None = None
    sequence: int = 1
    window_seconds: int | None = None
    categories: tuple[str, ...] = ()
    statuses: tuple[OrderStatus, ...] = field(default=())


@dataclass(frozen=True, slots=True)
class AnalyticsTick:
    sequence: int
    at: datetime
    started_at: datetime
    since: datetime
    summary: Summary


class StreamAnalytics:
    """Each tick summarises the orders created since the stream started, or, with a window, those
    created in the last `window_seconds` (1 s to 31 days). Ticks are numbered by the caller, one up from
    the last, so that their ids keep increasing across reconnections. Never cached: the set moves."""

    def __init__(self, analytics: OrderAnalytics, clock: Clock) -> None:
        self._analytics = analytics
        self._clock = clock

    def execute(self, command: StreamAnalyticsCommand) -> AnalyticsTick:
        window = command.window_seconds
        if window is not None and not 1 <= window <= MAX_WINDOW_SECONDS:
            raise InvalidInput(
                f"window_seconds must be between 1 and {MAX_WINDOW_SECONDS}", field="window_seconds"
            )
        if command.sequence < 1:
            raise InvalidInput("tick numbers start at 1", field="sequence")
        now = self._clock.now()
        started_at = command.started_at or now
        since = started_at if window is None else now - timedelta(seconds=window)
        analytics_filter = AnalyticsFilter(
            created_from=since, categories=command.categories, statuses=command.statuses
        )
        summary = Summary.of(self._analytics.totals(analytics_filter))
        return AnalyticsTick(command.sequence, now, started_at, since, summary)
