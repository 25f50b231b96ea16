"""The numbers of a product: category, price, stock, popularity and its two timestamps.

Categories follow their catalog share; a price is log-normal within its category's band and most
prices end in .99; some products are out of stock; popularity is heavy-tailed (Pareto), and cheaper
products of a category sell more. The catalog is built over the year before the order history starts,
ids in creation order; each product was last updated at some time between its creation and the end.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from spacetime_service.adapters.demo_data.categories import PROFILES
from spacetime_service.adapters.demo_data.row_hash import Floats, Ids, RowHash, cumulative

Integers = npt.NDArray[np.int64]

CHARM_PRICE_RATE = 0.7
POPULARITY_TAIL = 1.3
MAX_POPULARITY = 1000.0
PRICE_ELASTICITY = 0.4
STOCK_MEDIAN_LOG = 3.2
MAX_STOCK = 5000

_SHARES = cumulative([profile.catalog_share for profile in PROFILES])
_MEDIANS = np.array([profile.median_price for profile in PROFILES])
_SPREADS = np.array([profile.price_spread for profile in PROFILES])
_MINIMA = np.array([profile.min_price for profile in PROFILES])
_MAXIMA = np.array([profile.max_price for profile in PROFILES])
_STOCK_OUTS = np.array([profile.stock_out_rate for profile in PROFILES])


@dataclass(frozen=True, slots=True)
class ProductTraits:
    category: npt.NDArray[np.intp]
    price_cents: Integers
    stock: Integers
    popularity: Floats
    created_at_us: Integers
    updated_at_us: Integers


def product_traits(ids: Ids, total: int, hashes: RowHash, start_us: int, end_us: int) -> ProductTraits:
    """Traits of products `ids` out of `total`; the catalog grows from a year before `start_us`."""
    category = hashes.choice("product.category", ids, _SHARES)
    price = _prices(ids, category, hashes)
    in_stock = hashes.uniform("product.stock_out", ids) >= _STOCK_OUTS[category]
    amount = np.exp(STOCK_MEDIAN_LOG + hashes.normal("product.stock", ids))
    stock = np.where(in_stock, 1 + np.minimum(amount, MAX_STOCK - 1).astype(np.int64), 0)
    tail = (1.0 - hashes.uniform("product.popularity", ids)) ** (-1.0 / POPULARITY_TAIL)
    cheapness = (price / 100.0 / _MEDIANS[category]) ** -PRICE_ELASTICITY
    catalog_start = start_us - (end_us - start_us) // 2
    quantile = (ids - 1 + hashes.uniform("product.created", ids)) / total
    created = catalog_start + (quantile * (start_us - catalog_start)).astype(np.int64)
    updated = created + (hashes.uniform("product.updated", ids) * (end_us - created)).astype(np.int64)
    return ProductTraits(
        category, price, stock, np.minimum(tail, MAX_POPULARITY) * cheapness, created, updated
    )


def _prices(ids: Ids, category: npt.NDArray[np.intp], hashes: RowHash) -> Integers:
    raw = _MEDIANS[category] * np.exp(_SPREADS[category] * hashes.normal("product.price", ids))
    price = np.clip(raw, _MINIMA[category], _MAXIMA[category])
    charm = (hashes.uniform("product.charm", ids) < CHARM_PRICE_RATE) & (price >= 1.0)
    price = np.where(charm, np.floor(price) - 0.01, price)
    cents: Integers = np.round(np.maximum(price, _MINIMA[category]) * 100.0).astype(np.int64)
    return cents
