"""Time series of the analytics: UTC buckets (a day, an ISO week from Monday, or a calendar month, each
named by its first day) and their trailing moving average."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from spacetime_service.domain.analytics import Interval

if TYPE_CHECKING:
    from collections.abc import Sequence

# Past this many points a series is refused rather than built: ten years of days.
MAX_SERIES_POINTS = 3660
MAX_WINDOW = 366


def bucket_start(moment: datetime, interval: Interval) -> date:
    """The first day of the bucket holding `moment` (read in UTC)."""
    day = moment.astimezone(UTC).date()
    if interval is Interval.WEEK:
        return day - timedelta(days=day.weekday())
    if interval is Interval.MONTH:
        return day.replace(day=1)
    return day


def next_bucket(start: date, interval: Interval) -> date:
    if interval is Interval.WEEK:
        return start + timedelta(days=7)
    if interval is Interval.MONTH:
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=1)


def buckets_between(first: date, last: date, interval: Interval) -> list[date]:
    """Every bucket start from `first` to `last` (both bucket starts), in order; at most
    MAX_SERIES_POINTS of them."""
    buckets: list[date] = []
    current = first
    while current <= last:
        if len(buckets) == MAX_SERIES_POINTS:
            raise ValueError(f"a series has at most {MAX_SERIES_POINTS} points")
        buckets.append(current)
        current = next_bucket(current, interval)
    return buckets


def moving_averages(values: Sequence[int | None], window: int) -> list[Decimal | None]:
    """For each point, the mean of the last `window` points (itself included), exact; None until a
    full window has passed, and None when a point in the window has no value."""
    if not 1 <= window <= MAX_WINDOW:
        raise ValueError(f"the window must be between 1 and {MAX_WINDOW} points")
    averages: list[Decimal | None] = []
    for end in range(1, len(values) + 1):
        span = values[max(0, end - window) : end]
        known = [value for value in span if value is not None]
        full = end >= window and len(known) == window
        averages.append(Decimal(sum(known)) / window if full else None)
    return averages
