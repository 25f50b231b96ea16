"""The figures of the analytics, derived from exact integer totals (money in cents).

A summary: `revenue` sums quantity x unit price over earning orders (placed or shipped);
`return_rate` is returned orders over all orders (0 when there are none), to four places;
`average_order_value` is revenue over earning orders, to the cent (half to even), None without any.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal

from spacetime_service.domain.analytics import Metric, MetricValue
from spacetime_service.domain.money import from_cents, round_money

RATE_PLACES = Decimal("0.0001")


def average_cents(total_cents: int, count: int) -> int | None:
    """total / count in whole cents, halves rounded up (totals are never negative); None for no count.

    Integer arithmetic, so that SQL (`(2*total + count) / (2*count)`) gives the same answer."""
    if count == 0:
        return None
    return (2 * total_cents + count) // (2 * count)


@dataclass(frozen=True, slots=True)
class GroupTotals:
    """What one group adds up to; every metric is derived from these."""

    orders: int = 0
    units: int = 0
    revenue_cents: int = 0
    unit_price_cents: int = 0
    unique_customers: int = 0

    def value(self, metric: Metric) -> MetricValue:
        if metric is Metric.ORDERS:
            return self.orders
        if metric is Metric.UNITS:
            return self.units
        if metric is Metric.REVENUE:
            return self.revenue_cents
        if metric is Metric.AVG_UNIT_PRICE:
            return average_cents(self.unit_price_cents, self.orders)
        return self.unique_customers


@dataclass(frozen=True, slots=True)
class OrderTotals:
    """The totals behind a summary."""

    orders: int = 0
    units: int = 0
    revenue_cents: int = 0
    earning_orders: int = 0
    returned_orders: int = 0
    unique_customers: int = 0


@dataclass(frozen=True, slots=True)
class Summary:
    orders: int
    units: int
    revenue: Decimal
    unique_customers: int
    return_rate: Decimal
    average_order_value: Decimal | None

    @classmethod
    def of(cls, totals: OrderTotals) -> Summary:
        rate = Decimal(totals.returned_orders) / totals.orders if totals.orders else Decimal(0)
        average = None
        if totals.earning_orders:
            average = round_money(Decimal(totals.revenue_cents) / 100 / totals.earning_orders)
        return cls(
            orders=totals.orders,
            units=totals.units,
            revenue=from_cents(totals.revenue_cents),
            unique_customers=totals.unique_customers,
            return_rate=rate.quantize(RATE_PLACES, rounding=ROUND_HALF_EVEN),
            average_order_value=average,
        )
