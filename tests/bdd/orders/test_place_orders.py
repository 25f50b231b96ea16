"""Steps of features/orders/place_orders.feature, through the orders' and the catalog's use cases."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from spacetime_service.domain.catalog_edits import OrderDraft, PlacedOrder, ProductDraft

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from spacetime_service.domain.products import Product
    from tests.bdd.refusal import Refusal

scenarios("orders/place_orders.feature")


@pytest.fixture
def products() -> dict[str, Product]:
    return {}


@pytest.fixture
def answers() -> list[PlacedOrder]:
    return []


@given(parsers.parse('a product "{sku}" at "{price}" with {stock:d} in stock'))
def a_product(
    container: RootContainer, products: dict[str, Product], sku: str, price: str, stock: int
) -> None:
    draft = ProductDraft(sku=sku, name=sku, category="home", price=Decimal(price), stock=stock)
    products[sku] = container.catalog.create_product().execute(draft)


_ORDER = (
    r'"(?P<owner>[^"]+)" places an order of (?P<quantity>\d+) "(?P<sku>[^"]+)" for customer (?P<customer>\d+)'
    r'(?: with the key "(?P<key>[^"]+)")?'
)


@when(parsers.re(_ORDER), converters={"quantity": int, "customer": int})
def place(
    container: RootContainer,
    products: dict[str, Product],
    answers: list[PlacedOrder],
    refusal: Refusal,
    owner: str,
    quantity: int,
    sku: str,
    customer: int,
    key: str | None,
) -> None:
    draft = OrderDraft(customer_id=customer, product_id=products[sku].id, quantity=quantity)
    with refusal.recorded():
        answers.append(container.orders.place_order().execute(draft, owner, key))


@then(parsers.parse('the order is placed at "{price}" each'))
def placed_at(answers: list[PlacedOrder], price: str) -> None:
    assert answers[-1].created
    assert answers[-1].order.unit_price == Decimal(price)


@then(parsers.parse('"{sku}" has {stock:d} in stock'))
def has_stock(container: RootContainer, products: dict[str, Product], sku: str, stock: int) -> None:
    assert container.catalog.get_product().execute(products[sku].id).stock == stock


@then("both answers are the same order")
def same_order(answers: list[PlacedOrder]) -> None:
    first, again = answers
    assert (first.created, again.created) == (True, False)
    assert again.order == first.order


@then("the two answers are different orders")
def different_orders(answers: list[PlacedOrder]) -> None:
    first, other = answers
    assert first.created
    assert other.created
    assert first.order.id != other.order.id
