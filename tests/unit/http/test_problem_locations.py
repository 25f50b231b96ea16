"""A 422 says where each rejected value was, as request validation's `loc` does: `path`, `query`, or
`body` for a JSON field (nested ones named by their dotted path, list items by `index`) and for a line
of an upload (with its `line`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.unit.http.test_problem_details import problem

if TYPE_CHECKING:
    from fastapi.testclient import TestClient


def located(body: dict[str, Any]) -> list[tuple[str, str, int | None]]:
    return [(item["name"], item["in"], item.get("index", item.get("line"))) for item in body["errors"]]


def test_a_json_field_refused_by_the_domain_is_in_the_body(client: TestClient) -> None:
    document = {"filter": {"min_id": 2**64}, "operation": {"type": "add_stock", "delta": 1}}
    body = problem(client.post("/products/bulk-update?dry_run=true", json=document), 422)
    assert located(body) == [("min_id", "body", None)]


def test_a_json_list_item_refused_by_validation_is_named_with_its_index(client: TestClient) -> None:
    body = problem(client.post("/ml/train", json={"task": "order_returned", "features": ["a", 3]}), 422)
    assert located(body) == [("features", "body", 1)]


def test_a_nested_json_field_is_named_by_its_dotted_path(client: TestClient) -> None:
    document = {"filters": {"status": ["placed", "lost"]}, "limit": 2**64}
    body = problem(client.post("/analytics/aggregate", json=document), 422)
    assert located(body) == [("filters.status", "body", 1), ("limit", "body", None)]


def test_query_and_path_values_refused_by_the_domain_say_so(client: TestClient) -> None:
    assert located(problem(client.get("/products?min_price=1e400"), 422)) == [("min_price", "query", None)]
    assert located(problem(client.get("/products/0"), 422)) == [("product_id", "path", None)]


def test_an_upload_line_is_in_the_body_with_its_line(client: TestClient) -> None:
    line = b'{"sku": "N-1", "name": "New", "category": "toys", "price": 1e400, "stock": 1}\n'
    response = client.post("/products/import", content=line, headers={"content-type": "application/x-ndjson"})
    assert located(problem(response, 422)) == [("price", "body", 1)]
