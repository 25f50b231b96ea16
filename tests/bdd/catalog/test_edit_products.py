"""Steps of features/catalog/edit_products.feature, through the catalog's use cases."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from spacetime_service.application.catalog.list_products import ListProductsCommand
from spacetime_service.domain.catalog_edits import ProductChanges, ProductDraft, product_version
from spacetime_service.domain.errors import PreconditionFailed
from spacetime_service.domain.pagination import Sort
from spacetime_service.domain.products import ProductFilter

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from spacetime_service.domain.products import Product
    from tests.bdd.refusal import Refusal

scenarios("catalog/edit_products.feature")

_PRODUCT = 'the product "{sku}" named "{name}" in category "{category}" at "{price}" with {stock:d} in stock'


@pytest.fixture
def seen() -> dict[str, Product]:
    """The products as this client last saw them, by sku."""
    return {}


def _create(container: RootContainer, seen: dict[str, Product], draft: ProductDraft) -> None:
    seen[draft.sku] = container.catalog.create_product().execute(draft)


def _draft(sku: str, name: str, category: str, price: str, stock: int) -> ProductDraft:
    return ProductDraft(sku=sku, name=name, category=category, price=Decimal(price), stock=stock)


@given(parsers.parse("I created " + _PRODUCT))
def created(
    container: RootContainer,
    seen: dict[str, Product],
    sku: str,
    name: str,
    category: str,
    price: str,
    stock: int,
) -> None:
    _create(container, seen, _draft(sku, name, category, price, stock))


@when(parsers.parse("I create " + _PRODUCT))
def create(
    container: RootContainer,
    seen: dict[str, Product],
    refusal: Refusal,
    sku: str,
    name: str,
    category: str,
    price: str,
    stock: int,
) -> None:
    with refusal.recorded():
        _create(container, seen, _draft(sku, name, category, price, stock))


@given(parsers.parse('someone else changed the price of "{sku}" to "{price}"'))
def someone_else_changed(container: RootContainer, seen: dict[str, Product], sku: str, price: str) -> None:
    theirs = seen[sku]
    container.catalog.change_product().execute(
        theirs.id, ProductChanges(price=Decimal(price)), product_version(theirs)
    )


@when(parsers.parse('I change the price of "{sku}" to "{price}" naming the version I saw'))
def change_price(
    container: RootContainer, seen: dict[str, Product], refusal: Refusal, sku: str, price: str
) -> None:
    mine = seen[sku]
    with refusal.recorded():
        seen[sku] = container.catalog.change_product().execute(
            mine.id, ProductChanges(price=Decimal(price)), product_version(mine)
        )


@when(parsers.parse('I delete "{sku}" naming the version I saw'))
def delete(container: RootContainer, seen: dict[str, Product], sku: str) -> None:
    mine = seen[sku]
    container.catalog.delete_product().execute(mine.id, product_version(mine))


def _listed(container: RootContainer) -> dict[str, Product]:
    page = container.catalog.list_products().execute(ListProductsCommand(ProductFilter(), Sort("id"), 100))
    return {product.sku: product for product in page.items}


@then(parsers.parse('the product "{sku}" is listed at "{price}"'))
def listed_at(container: RootContainer, sku: str, price: str) -> None:
    assert _listed(container)[sku].price == Decimal(price)


@then(parsers.parse('the product "{sku}" is not listed'))
def not_listed(container: RootContainer, sku: str) -> None:
    assert sku not in _listed(container)


@then("the change is refused as stale")
def refused_as_stale(refusal: Refusal) -> None:
    assert isinstance(refusal.error, PreconditionFailed), refusal.error
