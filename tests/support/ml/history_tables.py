"""Writes a synthetic history into the real catalog tables of a fresh database."""

from __future__ import annotations

from dataclasses import asdict
from typing import TYPE_CHECKING

from sqlalchemy import Engine, insert

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import metadata, orders, products

if TYPE_CHECKING:
    from tests.support.ml.synthetic_orders import History


def fill(engine: Engine, history: History) -> None:
    metadata.create_all(engine, tables=[products, orders])
    with engine.begin() as connection:
        connection.execute(insert(products), [asdict(product) for product in history.products])
        connection.execute(
            insert(orders), [{**asdict(order), "status": order.status.value} for order in history.orders]
        )
