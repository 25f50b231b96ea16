"""When orders happen: a rate over the two years before the history's end, with a growth trend, a
weekly cycle (weekends busier), a yearly cycle (December and Black Friday week busiest, January and
summer quieter) and a daily cycle (evenings busiest), all in UTC.

Order i of n is placed at the ((i - 1 + u) / n)-quantile of that rate, u uniform per order: times rise
with the id, and the count per hour follows the rate however the orders are chunked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from spacetime_service.adapters.demo_data.row_hash import Floats, Ids, RowHash, cumulative

if TYPE_CHECKING:
    from datetime import datetime

HISTORY_DAYS = 730
MICROS_PER_HOUR = 3_600_000_000
ANNUAL_GROWTH = 0.3
WEEKDAYS = np.array([0.92, 0.9, 0.92, 0.97, 1.08, 1.32, 1.28])  # Monday first
MONTHS = np.array([0.82, 0.85, 0.95, 0.95, 1.0, 0.95, 0.9, 0.88, 1.0, 1.05, 1.3, 1.75])
BLACK_FRIDAY_WEEK = (11, 22, 30)  # November 22 to 30
BLACK_FRIDAY_BOOST = 1.6
HOURS = np.array(
    [0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.3, 0.55, 0.75, 0.9, 1.0, 1.05,
     1.1, 1.05, 1.0, 1.0, 1.05, 1.15, 1.3, 1.45, 1.5, 1.35, 1.0, 0.55]
)  # fmt: skip


def history_bounds(history_end: datetime) -> tuple[int, int]:
    """The first and the last-plus-one moment of the order history, in µs since the epoch."""
    end_us = round(history_end.timestamp() * 1_000_000)
    return end_us - HISTORY_DAYS * 24 * MICROS_PER_HOUR, end_us


class OrderClock:
    """Maps order ids to creation times (µs since the epoch, UTC) for a history of `orders` orders."""

    def __init__(self, history_end: datetime, orders: int) -> None:
        self.start_us, self.end_us = history_bounds(history_end)
        self._orders = orders
        hour_starts = self.start_us + np.arange(HISTORY_DAYS * 24, dtype=np.int64) * MICROS_PER_HOUR
        self._hour_starts = hour_starts
        self._cumulative = cumulative(_hourly_rate(hour_starts, self.start_us))
        self._previous = np.concatenate(([0.0], self._cumulative[:-1]))

    def created_at(self, ids: Ids, hashes: RowHash) -> npt.NDArray[np.int64]:
        quantiles = (ids - 1 + hashes.uniform("order.time", ids)) / self._orders
        hours = np.minimum(
            np.searchsorted(self._cumulative, quantiles, side="right"), len(self._cumulative) - 1
        )
        width = self._cumulative[hours] - self._previous[hours]
        within = np.clip((quantiles - self._previous[hours]) / width, 0.0, 1.0 - 1e-9)
        return self._hour_starts[hours] + (within * MICROS_PER_HOUR).astype(np.int64)


def month_of(created_at_us: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
    """Month of the year per time, 0 for January."""
    return created_at_us.astype("datetime64[us]").astype("datetime64[M]").astype(np.int64) % 12


def _hourly_rate(hour_starts: npt.NDArray[np.int64], start_us: int) -> Floats:
    moments = hour_starts.astype("datetime64[us]")
    days = moments.astype("datetime64[D]")
    weekday = (days.astype(np.int64) + 3) % 7  # 1970-01-01 was a Thursday
    month = days.astype("datetime64[M]")
    month_index = month.astype(np.int64) % 12
    day_of_month = (days - month).astype(np.int64) + 1
    hour = (moments - days).astype("timedelta64[h]").astype(np.int64)
    years_in = (hour_starts - start_us) / (365.25 * 24 * MICROS_PER_HOUR)
    month_number, first_day, last_day = BLACK_FRIDAY_WEEK
    black_friday = (
        (month_index == month_number - 1) & (day_of_month >= first_day) & (day_of_month <= last_day)
    )
    rate = (1.0 + ANNUAL_GROWTH * years_in) * WEEKDAYS[weekday] * MONTHS[month_index] * HOURS[hour]
    boosted: Floats = np.where(black_friday, rate * BLACK_FRIDAY_BOOST, rate)
    return boosted
