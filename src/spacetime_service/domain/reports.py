"""Reports over the order history: what they count, over which UTC days, and how they are cut.

`daily_stats`: one line per day of the range, days without orders included (as zeros): every order
counts in `orders` and `unique_customers`; `revenue` sums quantity x unit price over orders that were
placed or shipped (returned and cancelled orders earn nothing); `returned_orders` counts returns.
`product_sales`: one line per product and period (day or calendar month) with sales, over orders
placed or shipped: how many orders, units and revenue. A month at either end of the range only
counts the days inside the range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from spacetime_service.domain.errors import InvalidInput

MAX_REPORT_DAYS = 3660
EARNING_STATUSES = ("placed", "shipped")


class ReportKind(StrEnum):
    DAILY_STATS = "daily_stats"
    PRODUCT_SALES = "product_sales"


class SalesPeriod(StrEnum):
    DAY = "day"
    MONTH = "month"

    def label(self, day: date) -> str:
        """`2025-03-07` for a day, `2025-03` for its month."""
        return day.isoformat() if self is SalesPeriod.DAY else day.isoformat()[:7]


@dataclass(frozen=True, slots=True)
class DayRange:
    """UTC days from `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise InvalidInput("start_date is after end_date", field="start_date")
        if self.days > MAX_REPORT_DAYS:
            raise InvalidInput(f"a report covers at most {MAX_REPORT_DAYS} days", field="end_date")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def each_day(self) -> list[date]:
        return [self.start + timedelta(days=offset) for offset in range(self.days)]


@dataclass(frozen=True, slots=True)
class DailyStats:
    day: date
    orders: int
    revenue: Decimal
    unique_customers: int
    returned_orders: int

    @classmethod
    def empty(cls, day: date) -> DailyStats:
        return cls(day, 0, Decimal("0.00"), 0, 0)


@dataclass(frozen=True, slots=True)
class ProductSales:
    product_id: int
    sku: str
    period: str
    orders: int
    units: int
    revenue: Decimal
