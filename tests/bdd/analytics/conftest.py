"""Steps of both features of features/analytics: the order history they are asked about."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_bdd import given, parsers

from tests.support.analytics_datasets import History, generated_history
from tests.support.analytics_stores import SqlStore

if TYPE_CHECKING:
    from sqlalchemy import Engine


@given(
    parsers.parse("an order history of {orders:d} orders from {customers:d} customers"),
    target_fixture="history",
)
def an_order_history(database: Engine, orders: int, customers: int) -> History:
    history = generated_history(orders=orders, customers=customers)
    SqlStore(database).load(history)
    return history
