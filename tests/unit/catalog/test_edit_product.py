from __future__ import annotations

from decimal import Decimal

import pytest

from spacetime_service.application.catalog.edit_product import ChangeProduct, CreateProduct, DeleteProduct
from spacetime_service.application.orders.place_order import PlaceOrder
from spacetime_service.domain.catalog_edits import OrderDraft, ProductChanges, ProductDraft, product_version
from spacetime_service.domain.errors import PreconditionRequired
from tests.fakes.catalog_editor import FakeCatalogEditor
from tests.fakes.jobs import START, FixedClock

DRAFT = ProductDraft(sku="S-1", name="Lamp", category="home", price=Decimal("5.00"), stock=3)


def test_a_product_is_created_at_the_clocks_time() -> None:
    product = CreateProduct(FakeCatalogEditor(), FixedClock()).execute(DRAFT)
    assert product.created_at == START


def test_a_change_or_deletion_without_a_version_is_refused_and_changes_nothing() -> None:
    editor, clock = FakeCatalogEditor(), FixedClock()
    product = CreateProduct(editor, clock).execute(DRAFT)
    with pytest.raises(PreconditionRequired):
        ChangeProduct(editor, clock).execute(product.id, ProductChanges(stock=0), None)
    with pytest.raises(PreconditionRequired):
        DeleteProduct(editor).execute(product.id, None)
    assert editor.products[product.id] == product


def test_a_change_with_the_version_applies_at_the_clocks_time() -> None:
    editor, clock = FakeCatalogEditor(), FixedClock()
    product = CreateProduct(editor, clock).execute(DRAFT)
    later = clock.advance(60)
    changed = ChangeProduct(editor, clock).execute(
        product.id, ProductChanges(stock=0), product_version(product)
    )
    assert (changed.stock, changed.updated_at) == (0, later)


def test_an_order_is_placed_for_its_owner_at_the_clocks_time() -> None:
    editor, clock = FakeCatalogEditor(), FixedClock()
    product = CreateProduct(editor, clock).execute(DRAFT)
    placed = PlaceOrder(editor, clock).execute(OrderDraft(1, product.id, 1), "ann", "k")
    assert placed.order.created_at == START
    assert editor.keys["ann", "k"] == placed.order.id
