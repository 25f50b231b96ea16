"""Contract: daily stats and product sales per UTC day or month, counted as domain.reports says."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from spacetime_service.domain.orders import Order, OrderStatus
from spacetime_service.domain.reports import DailyStats, DayRange, ProductSales, SalesPeriod
from tests.support import batch_datasets as datasets

if TYPE_CHECKING:
    from tests.support.batch_harness import BatchHarness

EARNING = (OrderStatus.PLACED, OrderStatus.SHIPPED)


def _in(days: DayRange, order: Order) -> bool:
    return days.start <= order.created_at.date() <= days.end


def _daily(days: DayRange) -> list[DailyStats]:
    found: dict[date, list[Order]] = defaultdict(list)
    for order in datasets.orders():
        if _in(days, order):
            found[order.created_at.date()].append(order)
    return [
        DailyStats(
            day,
            len(items),
            sum((o.unit_price * o.quantity for o in items if o.status in EARNING), Decimal("0.00")),
            len({o.customer_id for o in items}),
            sum(1 for o in items if o.status is OrderStatus.RETURNED),
        )
        for day, items in sorted(found.items())
    ]


def _sales(days: DayRange, period: SalesPeriod) -> list[ProductSales]:
    skus = {p.id: p.sku for p in datasets.products()}
    found: dict[tuple[str, int], list[Order]] = defaultdict(list)
    for order in datasets.orders():
        if _in(days, order) and order.status in EARNING:
            found[(period.label(order.created_at.date()), order.product_id)].append(order)
    return [
        ProductSales(
            product_id,
            skus[product_id],
            label,
            len(items),
            sum(o.quantity for o in items),
            sum((o.unit_price * o.quantity for o in items), Decimal("0.00")),
        )
        for (label, product_id), items in sorted(found.items())
    ]


RANGES = [
    DayRange(datasets.FIRST_DAY, datasets.FIRST_DAY + timedelta(days=6)),
    DayRange(datasets.FIRST_DAY + timedelta(days=1), datasets.FIRST_DAY + timedelta(days=3)),
    DayRange(datasets.FIRST_DAY + timedelta(days=4), datasets.FIRST_DAY + timedelta(days=4)),
    DayRange(date(2025, 2, 1), date(2025, 3, 31)),
]


@pytest.mark.parametrize("days", RANGES, ids=str)
def test_daily_stats_cover_the_days_with_orders(batch: BatchHarness, days: DayRange) -> None:
    batch.load(datasets.products(), datasets.orders())

    with batch.uow() as uow:
        found = list(uow.order_statistics.daily_stats(days))

    assert found == _daily(days)


@pytest.mark.parametrize("period", list(SalesPeriod))
@pytest.mark.parametrize("days", RANGES, ids=str)
def test_product_sales_group_by_product_and_period(
    batch: BatchHarness, days: DayRange, period: SalesPeriod
) -> None:
    batch.load(datasets.products(), datasets.orders())

    with batch.uow() as uow:
        found = list(uow.order_statistics.product_sales(days, period))

    assert found == _sales(days, period)


def test_the_figures_are_not_trivial() -> None:
    """The dataset exercises what the comparisons above rely on."""
    daily = _daily(RANGES[0])
    assert len(daily) == 5
    assert sum(stats.returned_orders for stats in daily) > 0
    assert any(stats.unique_customers < stats.orders for stats in daily)
    assert daily[3].orders == 16  # the order at the last microsecond of day 3 counts on day 3
