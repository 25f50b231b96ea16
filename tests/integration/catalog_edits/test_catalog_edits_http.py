"""Single products and orders over HTTP, in-process against a real SQLite file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from spacetime_service.entrypoints.http.app import create_app
from tests.support.in_runner import in_runner_memory

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

LAMP: dict[str, Any] = {
    "sku": "LAMP-1",
    "name": "Desk lamp",
    "category": "home",
    "price": "19.99",
    "stock": 3,
}
STOCK = 3


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    url = f"sqlite:///{tmp_path / 'edits.db'}"
    upgrade_to_head(url)
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=url),
        api=ApiSettings(cursor_secret=SecretStr("integration-test-secret")),
        memory=in_runner_memory(tmp_path / "spill"),
    )
    with TestClient(create_app(build_container(settings)), raise_server_exceptions=False) as client:
        yield client


def _created(client: TestClient, body: dict[str, Any] = LAMP) -> tuple[dict[str, Any], str]:
    response = client.post("/products", json=body)
    assert response.status_code == 201, response.text
    return response.json(), response.headers["etag"]


def _problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    return body


def test_a_created_product_answers_201_with_its_location_and_etag(client: TestClient) -> None:
    response = client.post("/products", json=LAMP)
    assert response.status_code == 201
    product = response.json()
    assert response.headers["location"] == f"/products/{product['id']}"
    assert response.headers["etag"].startswith('"')
    assert {key: product[key] for key in LAMP} == LAMP
    shown = client.get(f"/products/{product['id']}")
    assert shown.json() == product
    assert shown.headers["etag"] == response.headers["etag"]


def test_a_taken_sku_is_409(client: TestClient) -> None:
    _created(client)
    _problem(client.post("/products", json=LAMP), 409)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"price": "1e5"}, "price"),
        ({"price": 19.99}, "price"),
        ({"price": "99999999.99"}, "price"),
        ({"category": "weapons"}, "category"),
        ({"stock": -1}, "stock"),
        ({"colour": "red"}, "colour"),
        ({"name": " "}, "name"),
    ],
)
def test_bad_fields_are_422_naming_them_and_nothing_is_created(
    client: TestClient, change: dict[str, Any], field: str
) -> None:
    body = _problem(client.post("/products", json={**LAMP, **change}), 422)
    assert {"name": field, "in": "body"} in [{"name": e["name"], "in": e["in"]} for e in body["errors"]], body
    assert client.get("/products").json()["items"] == []


def test_a_change_needs_the_current_etag(client: TestClient) -> None:
    product, etag = _created(client)
    path = f"/products/{product['id']}"
    _problem(client.patch(path, json={"price": "24.50"}), 428)
    changed = client.patch(path, json={"price": "24.50"}, headers={"If-Match": etag})
    assert changed.status_code == 200, changed.text
    assert changed.json()["price"] == "24.50"
    assert changed.json()["name"] == LAMP["name"]
    new_etag = changed.headers["etag"]
    assert new_etag != etag
    # The first ETag names a state that is gone; a weak tag never matches If-Match.
    _problem(client.patch(path, json={"stock": 0}, headers={"If-Match": etag}), 412)
    _problem(client.patch(path, json={"stock": 0}, headers={"If-Match": f"W/{new_etag}"}), 412)
    assert client.get(path).json()["stock"] == STOCK
    assert client.patch(path, json={"stock": 0}, headers={"If-Match": "*"}).json()["stock"] == 0


def test_an_empty_change_is_422(client: TestClient) -> None:
    product, etag = _created(client)
    _problem(client.patch(f"/products/{product['id']}", json={}, headers={"If-Match": etag}), 422)


def test_a_deleted_product_is_gone(client: TestClient) -> None:
    product, etag = _created(client)
    path = f"/products/{product['id']}"
    _problem(client.delete(path), 428)
    assert client.delete(path, headers={"If-Match": etag}).status_code == 204
    _problem(client.get(path), 404)
    _problem(client.delete(path, headers={"If-Match": etag}), 404)


def test_an_order_takes_stock_and_reads_back(client: TestClient) -> None:
    product, _ = _created(client)
    order = {"customer_id": 7, "product_id": product["id"], "quantity": 2}
    response = client.post("/orders", json=order)
    assert response.status_code == 201, response.text
    placed = response.json()
    assert response.headers["location"] == f"/orders/{placed['id']}"
    assert placed["unit_price"] == LAMP["price"]
    assert placed["status"] == "placed"
    assert client.get(f"/orders/{placed['id']}").json() == placed
    assert client.get(f"/products/{product['id']}").json()["stock"] == STOCK - 2
    _problem(client.post("/orders", json={**order, "quantity": 2}), 409)
    _problem(client.post("/orders", json={**order, "product_id": 999}), 404)
    # A product the history names stays.
    etag = client.get(f"/products/{product['id']}").headers["etag"]
    _problem(client.delete(f"/products/{product['id']}", headers={"If-Match": etag}), 409)


def test_an_order_with_an_idempotency_key_is_placed_once(client: TestClient) -> None:
    product, _ = _created(client)
    order = {"customer_id": 7, "product_id": product["id"], "quantity": 1}
    key = {"Idempotency-Key": "order-1"}
    first = client.post("/orders", json=order, headers=key)
    again = client.post("/orders", json=order, headers=key)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert client.get(f"/products/{product['id']}").json()["stock"] == STOCK - 1
    _problem(client.post("/orders", json={**order, "quantity": 2}, headers=key), 409)


def test_an_order_past_the_bounds_is_422(client: TestClient) -> None:
    _problem(client.post("/orders", json={"customer_id": 2**31, "product_id": 1, "quantity": 1}), 422)
    _problem(client.post("/orders", json={"customer_id": 1, "product_id": 1, "quantity": 10_001}), 422)
