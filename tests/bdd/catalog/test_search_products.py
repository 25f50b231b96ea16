"""Steps of features/catalog/search_products.feature: text search through its use case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_bdd import parsers, scenarios, then, when

from spacetime_service.application.catalog.list_products import ListProductsCommand
from spacetime_service.application.catalog.search_products import SearchProductsCommand
from spacetime_service.application.encoding.wire import product_wire
from spacetime_service.domain.pagination import Sort
from spacetime_service.domain.products import ProductFilter

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from tests.bdd.refusal import Refusal

scenarios("catalog/search_products.feature")

Found = list[dict[str, object]]


@when(parsers.parse('I search for "{text}"'), target_fixture="found")
def search(container: RootContainer, refusal: Refusal, text: str) -> Found:
    with refusal.recorded():
        listing = ListProductsCommand(ProductFilter(text=text), Sort("id"), 100)
        page = container.catalog.search_products().execute(SearchProductsCommand(listing))
        return [dict(product_wire(item)) for item in page.items]
    return []


@then(parsers.parse('the results include "{name}"'))
def results_include(found: Found, name: str) -> None:
    assert name in {item["name"] for item in found}


@then(parsers.parse('every result contains "{text}"'))
def every_result_contains(found: Found, text: str) -> None:
    assert found
    for item in found:
        haystack = f"{item['name']} {item['description']} {item['sku']}".lower()
        assert text.lower() in haystack
