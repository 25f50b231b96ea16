"""Steps of features/bulk_updates/bulk_update_products.feature: bulk updates described as a client
sends them (JSON), dry-run or submitted as jobs, and the catalog compared with what it was before."""

from __future__ import annotations

from typing import TYPE_CHECKING

import orjson
from pytest_bdd import parsers, scenarios, then, when

from spacetime_service.application.bulk_updates.bulk_update_products import BulkUpdateProductsCommand
from spacetime_service.application.bulk_updates.request_json import parse_bulk_update
from tests.bdd.catalog_rows import ProductRow, add_named_product, product_rows, stock_by_id
from tests.bdd.submissions import OWNER, Submissions, submit_bulk_update

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from spacetime_service.bootstrap.containers.root import RootContainer
    from tests.bdd.refusal import Refusal

scenarios("bulk_updates/bulk_update_products.feature")

Catalog = dict[int, ProductRow]

# The steps that may change products ask for `catalog_before` although they do not read it: asking
# records the catalog as it was before their change.


@when("I dry-run the bulk update", target_fixture="would_change")
def dry_run(
    container: RootContainer, refusal: Refusal, catalog_before: Catalog, docstring: str
) -> int | None:
    with refusal.recorded():
        command = BulkUpdateProductsCommand(OWNER, parse_bulk_update(orjson.loads(docstring)), dry_run=True)
        would_change: int | None = container.bulk_updates.bulk_update_products().execute(command).would_change
        return would_change
    return None


@when("I submit the bulk update")
def submit(
    container: RootContainer,
    submissions: Submissions,
    refusal: Refusal,
    catalog_before: Catalog,
    docstring: str,
) -> None:
    with refusal.recorded():
        submit_bulk_update(container, submissions, refusal, parse_bulk_update(orjson.loads(docstring)))


@when(parsers.parse('I submit the bulk update with the idempotency key "{key}"'))
def submit_with_key(
    container: RootContainer,
    submissions: Submissions,
    refusal: Refusal,
    catalog_before: Catalog,
    key: str,
    docstring: str,
) -> None:
    with refusal.recorded():
        update = parse_bulk_update(orjson.loads(docstring))
        submit_bulk_update(container, submissions, refusal, update, key=key)


@when("a product is added to the catalog", target_fixture="catalog_before")
def a_product_is_added(database: Engine, catalog_before: Catalog) -> Catalog:
    add_named_product(database, "Late arrival", "toys")
    # The values it has now are the ones it must keep: the update was submitted before it existed.
    return product_rows(database) | catalog_before


@then(parsers.parse("{count:d} products would change"))
def would_change_count(refusal: Refusal, would_change: int | None, count: int) -> None:
    assert refusal.error is None, refusal.error
    assert would_change == count


@then("no product has changed")
def nothing_changed(database: Engine, catalog_before: Catalog) -> None:
    assert product_rows(database) == catalog_before


@then(parsers.parse("only the products {ids} changed, each to a stock of {stock:d}"))
def only_these_changed(database: Engine, catalog_before: Catalog, ids: str, stock: int) -> None:
    expected = {int(i) for i in ids.replace(" and ", ",").split(",")}
    after = product_rows(database)
    assert {i for i, row in after.items() if row != catalog_before.get(i)} == expected
    assert {i: stock_by_id(after)[i] for i in expected} == dict.fromkeys(expected, stock)
