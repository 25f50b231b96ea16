"""Port: aggregates of the order history per UTC day, computed where the orders are kept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.domain.reports import DailyStats, DayRange, ProductSales, SalesPeriod


@runtime_checkable
class OrderStatistics(Protocol):
    """The rules of each figure are in `domain.reports`. The store groups and counts (distinct
    customers included) itself, so memory here holds one result line at a time."""

    def daily_stats(self, days: DayRange) -> Iterator[DailyStats]:
        """One item per day of the range that has orders, in day order."""

    def product_sales(self, days: DayRange, period: SalesPeriod) -> Iterator[ProductSales]:
        """One item per product and period with earning orders in the range, by (period, product id)."""
