"""What every CatalogEditor does: products made, changed and deleted in the state their client saw,
orders placed against stock, idempotent by key."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from spacetime_service.domain.catalog_edits import (
    OrderDraft,
    ProductChanges,
    ProductDraft,
    product_version,
)
from spacetime_service.domain.errors import Conflict, NotFound, PreconditionFailed
from spacetime_service.domain.orders import OrderStatus

if TYPE_CHECKING:
    from spacetime_service.application.ports.catalog_editor import CatalogEditor
    from spacetime_service.domain.products import Product

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def _draft(sku: str = "SKU-1", stock: int = 5) -> ProductDraft:
    return ProductDraft(sku=sku, name="Lamp", category="home", price=Decimal("19.99"), stock=stock)


def _created(editor: CatalogEditor, sku: str = "SKU-1", stock: int = 5) -> Product:
    return editor.create_product(_draft(sku, stock), T0)


def test_a_created_product_has_the_drafts_values(editor: CatalogEditor) -> None:
    product = _created(editor)
    assert (product.sku, product.name, product.category, product.price, product.stock) == (
        "SKU-1",
        "Lamp",
        "home",
        Decimal("19.99"),
        5,
    )
    assert product.created_at == product.updated_at == T0
    assert product.id >= 1


def test_a_taken_sku_is_a_conflict(editor: CatalogEditor) -> None:
    _created(editor)
    with pytest.raises(Conflict):
        _created(editor)


def test_a_change_with_the_current_version_applies_and_makes_a_new_version(editor: CatalogEditor) -> None:
    product = _created(editor)
    changed = editor.change_product(
        product.id, ProductChanges(price=Decimal("24.50")), product_version(product), T0
    )
    assert changed.price == Decimal("24.50")
    assert changed.name == "Lamp"
    # The clock did not move, yet the version did: each state has its own.
    assert changed.updated_at > product.updated_at
    assert product_version(changed) != product_version(product)


def test_a_change_with_a_stale_version_is_refused_and_changes_nothing(editor: CatalogEditor) -> None:
    product = _created(editor)
    editor.change_product(product.id, ProductChanges(stock=9), product_version(product), T0)
    with pytest.raises(PreconditionFailed):
        editor.change_product(product.id, ProductChanges(stock=1), product_version(product), T0)
    with pytest.raises(PreconditionFailed):
        editor.delete_product(product.id, product_version(product))


@pytest.mark.parametrize("version", ["", "garbage", "1", "1.x", "2.1772366400000000", "1." + "9" * 40])
def test_a_version_that_names_no_state_of_the_product_is_stale(editor: CatalogEditor, version: str) -> None:
    product = _created(editor)
    with pytest.raises(PreconditionFailed):
        editor.change_product(product.id, ProductChanges(stock=1), version, T0)


def test_changing_or_deleting_a_missing_product_is_not_found(editor: CatalogEditor) -> None:
    with pytest.raises(NotFound):
        editor.change_product(404, ProductChanges(stock=1), "404.0", T0)
    with pytest.raises(NotFound):
        editor.delete_product(404, "404.0")


def test_a_change_to_a_taken_sku_is_a_conflict(editor: CatalogEditor) -> None:
    _created(editor, "SKU-1")
    other = _created(editor, "SKU-2")
    with pytest.raises(Conflict):
        editor.change_product(other.id, ProductChanges(sku="SKU-1"), product_version(other), T0)


def test_a_deleted_product_is_gone(editor: CatalogEditor) -> None:
    product = _created(editor)
    editor.delete_product(product.id, product_version(product))
    with pytest.raises(NotFound):
        editor.delete_product(product.id, product_version(product))


def test_an_order_takes_stock_at_the_products_price(editor: CatalogEditor) -> None:
    product = _created(editor, stock=5)
    later = T0 + timedelta(minutes=1)
    placed = editor.place_order(
        OrderDraft(customer_id=7, product_id=product.id, quantity=2), "ann", None, later
    )
    assert placed.created
    order = placed.order
    assert (order.customer_id, order.product_id, order.quantity, order.unit_price, order.status) == (
        7,
        product.id,
        2,
        Decimal("19.99"),
        OrderStatus.PLACED,
    )
    assert order.created_at == later
    # The stock moved, so the version the client had of the product is stale now.
    with pytest.raises(PreconditionFailed):
        editor.change_product(product.id, ProductChanges(name="Desk lamp"), product_version(product), later)


def test_an_order_beyond_the_stock_is_a_conflict_and_takes_nothing(editor: CatalogEditor) -> None:
    product = _created(editor, stock=2)
    with pytest.raises(Conflict):
        editor.place_order(OrderDraft(customer_id=7, product_id=product.id, quantity=3), "ann", None, T0)
    # Nothing was taken: both remaining items can still be ordered.
    editor.place_order(OrderDraft(customer_id=7, product_id=product.id, quantity=2), "ann", None, T0)
    with pytest.raises(Conflict):
        editor.place_order(OrderDraft(customer_id=7, product_id=product.id, quantity=1), "ann", None, T0)


def test_an_order_for_a_missing_product_is_not_found(editor: CatalogEditor) -> None:
    with pytest.raises(NotFound):
        editor.place_order(OrderDraft(customer_id=7, product_id=404, quantity=1), "ann", None, T0)


def test_the_same_key_reads_the_same_order_back_and_takes_stock_once(editor: CatalogEditor) -> None:
    product = _created(editor, stock=3)
    draft = OrderDraft(customer_id=7, product_id=product.id, quantity=2)
    first = editor.place_order(draft, "ann", "key-1", T0)
    again = editor.place_order(draft, "ann", "key-1", T0 + timedelta(seconds=5))
    assert first.created
    assert not again.created
    assert again.order == first.order
    # Only 1 left: the replay took nothing.
    with pytest.raises(Conflict):
        editor.place_order(OrderDraft(customer_id=7, product_id=product.id, quantity=2), "ann", None, T0)


def test_a_key_reused_for_another_order_is_a_conflict(editor: CatalogEditor) -> None:
    product = _created(editor, stock=9)
    editor.place_order(OrderDraft(customer_id=7, product_id=product.id, quantity=1), "ann", "key-1", T0)
    with pytest.raises(Conflict):
        editor.place_order(OrderDraft(customer_id=7, product_id=product.id, quantity=2), "ann", "key-1", T0)


def test_keys_belong_to_their_owner(editor: CatalogEditor) -> None:
    product = _created(editor, stock=9)
    draft = OrderDraft(customer_id=7, product_id=product.id, quantity=1)
    mine = editor.place_order(draft, "ann", "key-1", T0)
    theirs = editor.place_order(draft, "bob", "key-1", T0)
    assert theirs.created
    assert theirs.order.id != mine.order.id


def test_a_product_with_orders_cannot_be_deleted(editor: CatalogEditor) -> None:
    product = _created(editor, stock=9)
    editor.place_order(OrderDraft(customer_id=7, product_id=product.id, quantity=1), "ann", None, T0)
    with pytest.raises(Conflict):
        # Whatever the version: the order history keeps its products.
        editor.delete_product(product.id, "0.0")
