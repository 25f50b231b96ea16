"""Integers and amounts beyond what the columns hold (ids past 2**63 - 1, prices past the largest
amount, non-finite numbers) are refused as 422 naming the field, on both databases."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    import httpx

ADD_ONE = {"type": "add_stock", "delta": 1}


def refused(response: httpx.Response, name: str, where: str) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert {"name": name, "in": where} in [{"name": e["name"], "in": e["in"]} for e in body["errors"]]
    return body


@pytest.mark.parametrize(
    ("url", "name", "where"),
    [
        ("/products/99999999999999999999999", "product_id", "path"),
        ("/products/9223372036854775808", "product_id", "path"),
        ("/orders?customer_id=9223372036854775808", "customer_id", "query"),
        ("/orders?customer_id=2147483648", "customer_id", "query"),
        ("/orders?product_id=99999999999999999999999", "product_id", "query"),
        ("/orders/stream?customer_id=9223372036854775808", "customer_id", "query"),
        ("/products?min_price=1e400", "min_price", "query"),
        ("/products?min_price=99999999999999999999999.99", "min_price", "query"),
        ("/products?max_price=-1e400", "max_price", "query"),
        ("/products/stream?max_price=10000000.01", "max_price", "query"),
    ],
)
def test_query_and_path_numbers_out_of_range_are_422(
    client: httpx.Client, url: str, name: str, where: str
) -> None:
    refused(client.get(url), name, where)


def test_the_largest_id_is_accepted_and_simply_not_found(client: httpx.Client) -> None:
    assert client.get("/products/9223372036854775807").status_code == 404
    assert client.get("/orders?customer_id=2147483647").json()["items"] == []
    assert client.get("/orders?product_id=9223372036854775807").json()["items"] == []


@pytest.mark.parametrize(
    ("document", "name"),
    [
        ({"filter": {"min_id": 99999999999999999999999}, "operation": ADD_ONE}, "min_id"),
        ({"filter": {"ids": [1, 2**64]}, "operation": ADD_ONE}, "ids"),
        ({"filter": {"max_stock": 2**40}, "operation": ADD_ONE}, "max_stock"),
        ({"filter": {"min_id": 1}, "operation": {"type": "set_price", "price": "1e17"}}, "price"),
        (
            {"filter": {"max_price": "1000000"}, "operation": {"type": "multiply_price", "factor": "11"}},
            "factor",
        ),
    ],
)
def test_bulk_update_numbers_out_of_range_are_422(
    client: httpx.Client, document: dict[str, Any], name: str
) -> None:
    refused(client.post("/products/bulk-update?dry_run=true", json=document), name, "body")
    refused(client.post("/products/bulk-update", json=document), name, "body")


def test_an_ndjson_import_line_with_a_non_finite_price_is_422_naming_the_line(client: httpx.Client) -> None:
    line = b'{"sku": "NEW-1", "name": "New", "category": "toys", "price": 1e400, "stock": 1}\n'
    response = client.post("/products/import", content=line, headers={"content-type": "application/x-ndjson"})

    body = refused(response, "price", "body")
    assert body["errors"][0]["line"] == 1
