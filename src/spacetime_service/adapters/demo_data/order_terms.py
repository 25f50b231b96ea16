"""What an order says once its time, customer and product are known: the quantity, the price paid
and what became of it.

- Quantity 1 to 10, geometric with a per-category chance of one more unit (groceries come in bulk).
- Price: the product's current price deflated by 3 % a year back in time, then a discount of 5-30 %
  for some orders, more often in November, December and January.
- Status: a few orders are cancelled (more for big baskets); recent orders are still placed; a
  shipped order is returned with a logistic probability that rises with the category's return rate,
  the price relative to the category's median, the quantity and a discount.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from spacetime_service.adapters.demo_data.categories import PROFILES
from spacetime_service.adapters.demo_data.row_hash import Floats, Ids, RowHash, cumulative
from spacetime_service.domain.orders import OrderStatus

Integers = npt.NDArray[np.int64]

MAX_QUANTITY = 10
YEARLY_INFLATION = 0.03
DISCOUNT_RATE_BY_MONTH = np.array([0.22, 0.1, 0.1, 0.1, 0.1, 0.12, 0.15, 0.1, 0.1, 0.1, 0.28, 0.3])
DISCOUNTS = np.array([0.05, 0.10, 0.15, 0.20, 0.25, 0.30])
DISCOUNT_WEIGHTS = cumulative([30, 25, 20, 12, 8, 5])
CANCEL_LOGIT = -3.6
CANCEL_PER_UNIT = 0.12
PLACED_DAYS = 1.5
RETURN_PER_LOG_PRICE = 0.6
RETURN_PER_UNIT = 0.15
RETURN_IF_DISCOUNTED = 0.4
MICROS_PER_DAY = 86_400_000_000
MICROS_PER_YEAR = 365.25 * MICROS_PER_DAY

# Status codes index this tuple.
STATUSES: tuple[str, ...] = (
    OrderStatus.PLACED.value,
    OrderStatus.SHIPPED.value,
    OrderStatus.RETURNED.value,
    OrderStatus.CANCELLED.value,
)
PLACED, SHIPPED, RETURNED, CANCELLED = range(4)

_REPEAT = np.array([profile.repeat_odds for profile in PROFILES])
_RETURN = np.array([profile.return_logit for profile in PROFILES])
_MEDIAN_CENTS = np.array([profile.median_price * 100 for profile in PROFILES])


@dataclass(frozen=True, slots=True)
class OrderTerms:
    quantity: Integers
    unit_price_cents: Integers
    status: npt.NDArray[np.intp]


def order_terms(
    ids: Ids,
    *,
    category: npt.NDArray[np.intp],
    price_cents: Integers,
    created_at_us: Integers,
    months: Integers,
    end_us: int,
    hashes: RowHash,
) -> OrderTerms:
    more = np.log1p(-hashes.uniform("order.quantity", ids)) / np.log(_REPEAT[category])
    quantity = np.minimum(1 + more.astype(np.int64), MAX_QUANTITY)
    age_us = end_us - created_at_us
    then = price_cents * (1.0 - YEARLY_INFLATION * age_us / MICROS_PER_YEAR)
    discounted = hashes.uniform("order.discounted", ids) < DISCOUNT_RATE_BY_MONTH[months]
    discount = np.where(discounted, DISCOUNTS[hashes.choice("order.discount", ids, DISCOUNT_WEIGHTS)], 0.0)
    unit_price = np.maximum(np.round(then * (1.0 - discount)), 1).astype(np.int64)
    relative_price = np.log(price_cents / _MEDIAN_CENTS[category])
    return_logit = (
        _RETURN[category]
        + RETURN_PER_LOG_PRICE * relative_price
        + RETURN_PER_UNIT * (quantity - 1)
        + RETURN_IF_DISCOUNTED * discounted
    )
    status = np.where(hashes.uniform("order.returned", ids) < _sigmoid(return_logit), RETURNED, SHIPPED)
    placed = hashes.uniform("order.placed", ids) < np.exp(-age_us / (PLACED_DAYS * MICROS_PER_DAY))
    status = np.where(placed, PLACED, status)
    cancelled = hashes.uniform("order.cancelled", ids) < _sigmoid(
        CANCEL_LOGIT + CANCEL_PER_UNIT * (quantity - 1)
    )
    return OrderTerms(quantity, unit_price, np.where(cancelled, CANCELLED, status))


def _sigmoid(logit: Floats) -> Floats:
    return 1.0 / (1.0 + np.exp(-logit))
