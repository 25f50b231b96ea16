"""Who buys what: a skewed population of customers, each with a favourite category, choosing among
products whose popularity is heavy-tailed, with a category mix that follows the seasons."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from spacetime_service.adapters.demo_data.categories import PROFILES
from spacetime_service.adapters.demo_data.row_hash import Floats, Ids, RowHash, cumulative

if TYPE_CHECKING:
    from spacetime_service.adapters.demo_data.product_traits import ProductTraits

ORDERS_PER_CUSTOMER = 8
MAX_CUSTOMERS = 2_000_000
CUSTOMER_TAIL = 1.5
MAX_CUSTOMER_WEIGHT = 200.0
FAVOURITE_RATE = 0.4

_MONTHLY = np.array([profile.months for profile in PROFILES]).T  # [month, category]


class Shoppers:
    """Draws a customer and a product per order, from the traits of the whole catalog."""

    def __init__(self, catalog: ProductTraits, orders: int, hashes: RowHash) -> None:
        self._hashes = hashes
        customers = min(MAX_CUSTOMERS, max(1, math.ceil(orders / ORDERS_PER_CUSTOMER)))
        ids = np.arange(1, customers + 1, dtype=np.int64)
        # Pareto weights give a Zipf-like population: a few customers order very often.
        tail = (1.0 - hashes.uniform("customer.activity", ids)) ** (-1.0 / CUSTOMER_TAIL)
        self._customers = cumulative(np.minimum(tail, MAX_CUSTOMER_WEIGHT))
        kinds = len(PROFILES)
        sales = np.bincount(catalog.category, weights=catalog.popularity, minlength=kinds)
        self._favourites = cumulative(sales)
        monthly = _MONTHLY * sales
        self._by_month = np.cumsum(monthly, axis=1) / monthly.sum(axis=1, keepdims=True)
        self._present = sales > 0
        self._best_seller = int(np.argmax(sales))
        self._members: list[Ids] = []
        self._popularity: list[Floats] = []
        for kind in range(kinds):
            members = np.flatnonzero(catalog.category == kind)
            self._members.append(members.astype(np.int64) + 1)
            self._popularity.append(
                cumulative(catalog.popularity[members]) if members.size else np.zeros(0, dtype=np.float64)
            )

    def customers(self, ids: Ids) -> Ids:
        return self._hashes.choice("order.customer", ids, self._customers).astype(np.int64) + 1

    def products(self, ids: Ids, customers: Ids, months: npt.NDArray[np.int64]) -> Ids:
        """A product id per order: from the customer's favourite category now and then, otherwise from
        the month's category mix, then by popularity within the category."""
        favourite = self._hashes.choice("customer.favourite", customers, self._favourites)
        seasonal = (self._hashes.uniform("order.category", ids)[:, None] > self._by_month[months]).sum(axis=1)
        seasonal = np.minimum(seasonal, len(PROFILES) - 1)
        loyal = (self._hashes.uniform("order.loyal", ids) < FAVOURITE_RATE) & self._present[favourite]
        category = np.where(loyal, favourite, seasonal)
        # Rounding can land on a category without products in a tiny catalog; the best seller stands in.
        category = np.where(self._present[category], category, self._best_seller)
        picks = self._hashes.uniform("order.product", ids)
        chosen = np.zeros(ids.shape, dtype=np.int64)
        for kind, members in enumerate(self._members):
            rows = np.flatnonzero(category == kind)
            if rows.size:
                at = np.searchsorted(self._popularity[kind], picks[rows], side="right")
                chosen[rows] = members[np.minimum(at, members.size - 1)]
        return chosen
