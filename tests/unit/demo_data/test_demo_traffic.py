from __future__ import annotations

from decimal import Decimal
from itertools import islice
from random import Random

import pytest

from spacetime_service.application.catalog.edit_product import ChangeProduct
from spacetime_service.application.demo.demo_traffic import DemoTraffic, DemoTrafficCommand
from spacetime_service.application.orders.place_order import PlaceOrder
from spacetime_service.domain.catalog_edits import ProductDraft
from spacetime_service.domain.errors import NotFound
from tests.fakes.catalog import FakeUnitOfWork
from tests.fakes.catalog_editor import FakeCatalogEditor
from tests.fakes.jobs import FixedClock


def _traffic(editor: FakeCatalogEditor) -> DemoTraffic:
    clock = FixedClock()
    return DemoTraffic(
        PlaceOrder(editor, clock),
        ChangeProduct(editor, clock),
        lambda: FakeUnitOfWork(list(editor.products.values()), editor.orders),
        Random(7),
    )


def test_traffic_places_orders_and_restocks_what_runs_out() -> None:
    editor = FakeCatalogEditor()
    for sku in ("A", "B"):
        draft = ProductDraft(sku=sku, name=sku, category="home", price=Decimal("2.50"), stock=1)
        editor.create_product(draft, FixedClock().now())
    orders = list(islice(_traffic(editor).orders(DemoTrafficCommand(customers=10)), 50))
    assert len(orders) == len(editor.orders) == 50
    assert {order.product_id for order in orders} == set(editor.products)
    assert all(1 <= order.customer_id <= 10 for order in orders)
    # Two items in stock at first, far more ordered: the difference came from restocking.
    assert sum(order.quantity for order in orders) > 2
    assert all(product.stock >= 0 for product in editor.products.values())


def test_traffic_over_an_empty_catalog_says_what_to_do() -> None:
    with pytest.raises(NotFound, match="spacetime seed"):
        next(_traffic(FakeCatalogEditor()).orders(DemoTrafficCommand()))
