"""The demo-data source: evaluates the shop model with NumPy, one chunk of ids at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from spacetime_service.adapters.demo_data.order_clock import OrderClock, history_bounds, month_of
from spacetime_service.adapters.demo_data.order_terms import STATUSES, order_terms
from spacetime_service.adapters.demo_data.product_text import names_and_descriptions, skus
from spacetime_service.adapters.demo_data.product_traits import product_traits
from spacetime_service.adapters.demo_data.row_hash import Ids, RowHash
from spacetime_service.adapters.demo_data.shoppers import Shoppers
from spacetime_service.application.ports.catalog_loader import OrderRows, ProductRows
from spacetime_service.domain.catalog import CATEGORIES

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.ports.demo_data_source import DemoDataSpec

_CATEGORY_NAMES = np.array(CATEGORIES, dtype=object)
_STATUS_NAMES = np.array(STATUSES, dtype=object)


def _id_chunks(count: int, chunk_rows: int) -> Iterator[Ids]:
    if chunk_rows < 1:
        raise ValueError("chunk_rows must be positive")
    for first in range(1, count + 1, chunk_rows):
        yield np.arange(first, min(first + chunk_rows, count + 1), dtype=np.int64)


class NumpyDemoDataSource:
    """Every value of a row is a function of (seed, row id, sizes, history end) alone (see `row_hash`),
    so the rows are the same whatever `chunk_rows` is. Orders need the traits of every product, which
    are computed once per call (a few dozen bytes per product); everything else is per chunk."""

    def products(self, spec: DemoDataSpec, chunk_rows: int) -> Iterator[ProductRows]:
        hashes = RowHash(spec.seed)
        start_us, end_us = history_bounds(spec.history_end)
        for ids in _id_chunks(spec.products, chunk_rows):
            traits = product_traits(ids, spec.products, hashes, start_us, end_us)
            names, descriptions = names_and_descriptions(ids, traits.category, hashes)
            yield ProductRows(
                ids=ids.tolist(),
                skus=skus(ids, traits.category),
                names=names,
                descriptions=descriptions,
                categories=_CATEGORY_NAMES[traits.category].tolist(),
                price_cents=traits.price_cents.tolist(),
                stock=traits.stock.tolist(),
                created_at_us=traits.created_at_us.tolist(),
                updated_at_us=traits.updated_at_us.tolist(),
            )

    def orders(self, spec: DemoDataSpec, chunk_rows: int) -> Iterator[OrderRows]:
        if spec.orders == 0:
            return
        hashes = RowHash(spec.seed)
        clock = OrderClock(spec.history_end, spec.orders)
        every_product = np.arange(1, spec.products + 1, dtype=np.int64)
        catalog = product_traits(every_product, spec.products, hashes, clock.start_us, clock.end_us)
        shoppers = Shoppers(catalog, spec.orders, hashes)
        for ids in _id_chunks(spec.orders, chunk_rows):
            created = clock.created_at(ids, hashes)
            months = month_of(created)
            customers = shoppers.customers(ids)
            products = shoppers.products(ids, customers, months)
            category = catalog.category[products - 1]
            price = catalog.price_cents[products - 1]
            terms = order_terms(
                ids,
                category=category,
                price_cents=price,
                created_at_us=created,
                months=months,
                end_us=clock.end_us,
                hashes=hashes,
            )
            yield OrderRows(
                ids=ids.tolist(),
                customer_ids=customers.tolist(),
                product_ids=products.tolist(),
                quantities=terms.quantity.tolist(),
                unit_price_cents=terms.unit_price_cents.tolist(),
                statuses=_STATUS_NAMES[terms.status].tolist(),
                created_at_us=created.tolist(),
            )
