"""Steps of features/catalog/list_products.feature: every page walked through the listing use case."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pytest_bdd import parsers, scenarios, then, when

from spacetime_service.application.catalog.list_products import ListProductsCommand
from spacetime_service.application.encoding.wire import product_wire
from spacetime_service.domain.pagination import Sort
from spacetime_service.domain.products import ProductFilter

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from tests.bdd.refusal import Refusal

scenarios("catalog/list_products.feature")

Listed = list[dict[str, object]]


def _every_page(container: RootContainer, refusal: Refusal, command: ListProductsCommand) -> Listed:
    """The products of every page, following each page's cursor to the next one."""
    use_case = container.catalog.list_products()
    listed: Listed = []
    with refusal.recorded():
        while True:
            page = use_case.execute(command)
            listed.extend(dict(product_wire(item)) for item in page.items)
            if page.next_cursor is None:
                break
            command = ListProductsCommand(
                command.product_filter, command.sort, command.limit, page.next_cursor
            )
    return listed


@when(parsers.parse('I list products {size:d} at a time sorted by "{field}"'), target_fixture="listed")
def list_all_pages(container: RootContainer, refusal: Refusal, size: int, field: str) -> Listed:
    return _every_page(container, refusal, ListProductsCommand(ProductFilter(), Sort(field), size))


@when(parsers.parse('I list products sorted by "{field}"'), target_fixture="listed")
def list_sorted(container: RootContainer, refusal: Refusal, field: str) -> Listed:
    return _every_page(container, refusal, ListProductsCommand(ProductFilter(), Sort(field), 50))


@when(
    parsers.parse('I list products in category "{category}" priced between "{low}" and "{high}"'),
    target_fixture="listed",
)
def list_filtered(container: RootContainer, refusal: Refusal, category: str, low: str, high: str) -> Listed:
    product_filter = ProductFilter(categories=(category,), min_price=Decimal(low), max_price=Decimal(high))
    return _every_page(container, refusal, ListProductsCommand(product_filter, Sort("id"), 25))


@when(parsers.parse('I list products with the cursor "{cursor}"'), target_fixture="listed")
def list_with_cursor(container: RootContainer, refusal: Refusal, cursor: str) -> Listed:
    return _every_page(container, refusal, ListProductsCommand(ProductFilter(), Sort("id"), 25, cursor))


@then(parsers.parse("I see {count:d} products in total"))
def seen_in_total(listed: Listed, count: int) -> None:
    assert len(listed) == count


@then("no product appears twice")
def no_duplicates(listed: Listed) -> None:
    ids = [item["id"] for item in listed]
    assert len(ids) == len(set(ids))


@then("the prices never decrease")
def prices_ascending(listed: Listed) -> None:
    prices = [Decimal(str(item["price"])) for item in listed]
    assert prices == sorted(prices)


@then(parsers.parse('every product listed is in category "{category}"'))
def all_in_category(listed: Listed, category: str) -> None:
    assert listed, "nothing was listed"
    assert {item["category"] for item in listed} == {category}


@then(parsers.parse('every price listed is between "{low}" and "{high}"'))
def all_priced_between(listed: Listed, low: str, high: str) -> None:
    assert all(Decimal(low) <= Decimal(str(item["price"])) <= Decimal(high) for item in listed)
