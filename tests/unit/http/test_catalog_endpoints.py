"""The catalog endpoints translate HTTP to the use cases and back, in the wire form."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import TYPE_CHECKING

import orjson

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from tests.unit.http.sample_catalog import SampleCatalog


def test_a_page_has_items_in_wire_form_and_a_next_link(client: TestClient, catalog: SampleCatalog) -> None:
    body = client.get("/products?limit=3").json()
    assert [item["id"] for item in body["items"]] == [1, 2, 3]
    first = catalog.products[0]
    assert body["items"][0]["price"] == f"{first.price:.2f}"
    assert body["items"][0]["created_at"].endswith("Z")
    assert body["links"]["next"] == f"/products?limit=3&cursor={body['next_cursor']}"


def test_following_next_links_visits_every_match_once_in_order(
    client: TestClient, catalog: SampleCatalog
) -> None:
    seen: list[tuple[Decimal, int]] = []
    url: str | None = "/products?limit=7&sort=-price&category=books&category=toys&min_price=3.00"
    while url is not None:
        body = client.get(url).json()
        seen.extend((Decimal(item["price"]), item["id"]) for item in body["items"])
        url = body["links"]["next"]
    expected = sorted(
        ((p.price, p.id) for p in catalog.products if p.category in {"books", "toys"} and p.price >= 3),
        reverse=True,
    )
    assert seen == expected


def test_in_stock_filters_on_stock(client: TestClient) -> None:
    items = client.get("/products?limit=1000&in_stock=false").json()["items"]
    assert items
    assert all(item["stock"] == 0 for item in items)


def test_one_product(client: TestClient) -> None:
    assert client.get("/products/42").json()["sku"] == "SKU-00042"


def test_search_pages_and_streams_the_same_matches(client: TestClient) -> None:
    paged = client.get("/products/search?q=NUMBER 1&limit=1000").json()["items"]
    streamed = client.get("/products/search?q=NUMBER 1&format=ndjson")
    assert streamed.headers["content-type"] == "application/x-ndjson"
    lines = [orjson.loads(line) for line in streamed.text.splitlines()]
    assert [item["id"] for item in paged] == [line["id"] for line in lines]
    assert {item["id"] for item in paged} >= {1, 10, 19, 100, 119}


def test_the_ndjson_stream_sends_the_requested_columns(client: TestClient, catalog: SampleCatalog) -> None:
    response = client.get("/products/stream?columns=id,price&category=garden")
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-accel-buffering"] == "no"
    assert "content-disposition" not in response.headers
    lines = [orjson.loads(line) for line in response.text.splitlines()]
    garden = [p for p in catalog.products if p.category == "garden"]
    assert lines == [{"id": p.id, "price": f"{p.price:.2f}"} for p in garden]


def test_an_unknown_column_is_refused_before_the_stream_starts(client: TestClient) -> None:
    response = client.get("/products/stream?columns=id,password")
    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "columns"


def test_the_csv_export_is_a_formula_safe_download(client: TestClient, catalog: SampleCatalog) -> None:
    response = client.get("/products/export/csv")
    assert response.headers["content-disposition"] == 'attachment; filename="products.csv"'
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == [
        "id",
        "sku",
        "name",
        "description",
        "category",
        "price",
        "stock",
        "created_at",
        "updated_at",
    ]
    assert len(rows) == 1 + len(catalog.products)
    assert rows[1][2] == "'=HYPERLINK(1)"


def test_the_openapi_document_lists_the_endpoints_and_problem_bodies(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {"/products", "/products/{product_id}", "/orders/stream", "/readyz"} <= schema["paths"].keys()
    not_found = schema["paths"]["/products/{product_id}"]["get"]["responses"]["404"]
    assert "application/problem+json" in not_found["content"]
    assert client.get("/docs").status_code == 200
