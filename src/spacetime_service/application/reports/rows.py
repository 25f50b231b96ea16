"""The wire rows of one stretch of a report, read from the order statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.reports.encoding import (
    Row,
    daily_stats_row,
    every_day,
    product_sales_row,
)
from spacetime_service.domain.reports import DayRange, ReportKind

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ports.order_statistics import OrderStatistics
    from spacetime_service.application.reports.request import ReportRequest


def report_rows(statistics: OrderStatistics, request: ReportRequest, days: DayRange) -> Iterator[Row]:
    """Daily stats for every day of `days` (zeros included); product sales as the store found them."""
    if request.kind is ReportKind.DAILY_STATS:
        return map(daily_stats_row, every_day(days, statistics.daily_stats(days)))
    return map(product_sales_row, statistics.product_sales(days, request.period))
