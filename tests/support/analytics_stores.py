"""Harnesses over an OrderAnalytics: the in-memory fake, or SQLite and PostgreSQL through SQLAlchemy.

`load(history)` stores a history and `analytics()` gives the OrderAnalytics over it.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import islice
from typing import TYPE_CHECKING

from spacetime_service.adapters.sqlalchemy.analytics.order_analytics import SqlAlchemyOrderAnalytics
from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader
from spacetime_service.application.ports.catalog_loader import OrderRows, ProductRows
from spacetime_service.domain.money import to_cents
from tests.fakes.analytics import FakeOrderAnalytics

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine

    from spacetime_service.application.ports.order_analytics import OrderAnalytics
    from spacetime_service.domain.orders import Order
    from spacetime_service.domain.products import Product
    from tests.support.analytics_datasets import History

FETCH_ROWS = 100
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


class FakeStore:
    def __init__(self) -> None:
        self._analytics = FakeOrderAnalytics()

    def load(self, history: History) -> None:
        self._analytics = FakeOrderAnalytics(history.orders, history.products)

    def analytics(self) -> OrderAnalytics:
        return self._analytics


class SqlStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def load(self, history: History) -> None:
        loader = SqlAlchemyCatalogLoader(self.engine)
        loader.load([_product_rows(history.products)], _order_batches(history.orders))

    def analytics(self) -> OrderAnalytics:
        return SqlAlchemyOrderAnalytics(self.engine, FETCH_ROWS)


Store = FakeStore | SqlStore


def _micros(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(microseconds=1)


def _product_rows(products: tuple[Product, ...]) -> ProductRows:
    return ProductRows(
        ids=[p.id for p in products],
        skus=[p.sku for p in products],
        names=[p.name for p in products],
        descriptions=[p.description for p in products],
        categories=[p.category for p in products],
        price_cents=[to_cents(p.price) for p in products],
        stock=[p.stock for p in products],
        created_at_us=[_micros(p.created_at) for p in products],
        updated_at_us=[_micros(p.updated_at) for p in products],
    )


def _order_batches(orders: tuple[Order, ...]) -> Iterator[OrderRows]:
    rows = iter(orders)
    while batch := list(islice(rows, 20_000)):
        yield OrderRows(
            ids=[o.id for o in batch],
            customer_ids=[o.customer_id for o in batch],
            product_ids=[o.product_id for o in batch],
            quantities=[o.quantity for o in batch],
            unit_price_cents=[to_cents(o.unit_price) for o in batch],
            statuses=[o.status.value for o in batch],
            created_at_us=[_micros(o.created_at) for o in batch],
        )
