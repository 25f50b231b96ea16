"""Every failure is answered as RFC 9457 problem+json that names what to fix and leaks nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from spacetime_service.domain.errors import Conflict, InvalidInput, NotFound, Unavailable
from spacetime_service.entrypoints.http.problems.error_map import problem_kind_for
from spacetime_service.entrypoints.http.streams.limits import TooManyStreams

if TYPE_CHECKING:
    import httpx
    from fastapi.testclient import TestClient

    from tests.unit.http.sample_catalog import SampleCatalog


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    return body


def named(body: dict[str, Any]) -> set[str]:
    return {item["name"] for item in body["errors"]}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=5000", "limit"),
        ("limit=ten", "limit"),
        ("sort=colour", "sort"),
        ("sort=-", "sort"),
        ("cursor=not-a-real-cursor", "cursor"),
        ("category=weapons", "category"),
        ("min_price=cheap", "min_price"),
        ("max_price=1.234", "max_price"),
        ("min_price=20&max_price=10", "min_price"),
        ("in_stock=maybe", "in_stock"),
    ],
)
def test_bad_product_parameters_name_the_parameter(client: TestClient, query: str, field: str) -> None:
    body = problem(client.get(f"/products?{query}"), 422)
    assert field in named(body)
    assert all(item["in"] == "query" for item in body["errors"])


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("created_from=yesterday", "created_from"),
        ("created_to=2025-13-01", "created_to"),
        ("created_from=2025-03-02&created_to=2025-03-01", "created_from"),
        ("status=placed&status=lost", "status"),
        ("customer_id=0", "customer_id"),
        ("sort=price", "sort"),
    ],
)
def test_bad_order_parameters_name_the_parameter(client: TestClient, query: str, field: str) -> None:
    assert field in named(problem(client.get(f"/orders?{query}"), 422))


def test_a_cursor_from_another_sort_order_is_refused(client: TestClient) -> None:
    cursor = client.get("/products?limit=5&sort=price").json()["next_cursor"]
    body = problem(client.get(f"/products?limit=5&sort=name&cursor={cursor}"), 422)
    assert named(body) == {"cursor"}


def test_an_altered_cursor_is_refused(client: TestClient) -> None:
    cursor: str = client.get("/products?limit=5").json()["next_cursor"]
    altered = cursor[:-2] + ("AA" if not cursor.endswith("AA") else "BB")
    assert named(problem(client.get(f"/products?limit=5&cursor={altered}"), 422)) == {"cursor"}


def test_a_missing_product_is_404(client: TestClient) -> None:
    body = problem(client.get("/products/99999"), 404)
    assert body["type"].endswith("not-found")
    assert "99999" in body["detail"]


def test_an_unknown_route_is_a_plain_404_problem(client: TestClient) -> None:
    body = problem(client.get("/no/such/thing"), 404)
    assert body["type"] == "about:blank"
    assert body["title"] == "Not Found"


def test_a_wrong_method_is_405_with_allow(client: TestClient) -> None:
    response = client.put("/products/search")
    problem(response, 405)
    assert response.headers["allow"] == "GET"


def test_a_product_id_that_is_not_a_number_names_the_path_parameter(client: TestClient) -> None:
    body = problem(client.get("/products/abc"), 422)
    assert body["errors"] == [{"name": "product_id", "in": "path", "detail": body["errors"][0]["detail"]}]


def test_search_without_text_names_q(client: TestClient) -> None:
    assert named(problem(client.get("/products/search"), 422)) == {"q"}
    assert named(problem(client.get("/products/search?q=" + "x" * 201), 422)) == {"q"}


def test_an_unavailable_store_is_503_with_retry_after(client: TestClient, catalog: SampleCatalog) -> None:
    catalog.unit_of_work.fail_with = Unavailable("the database is restarting", retry_after_seconds=7)
    response = client.get("/products")
    body = problem(response, 503)
    assert response.headers["retry-after"] == "7"
    assert body["detail"] == "the database is restarting"


def test_an_unexpected_failure_is_500_and_discloses_nothing(
    client: TestClient, catalog: SampleCatalog
) -> None:
    catalog.unit_of_work.fail_with = RuntimeError("password=hunter2 at /srv/secret.py line 12")
    for path in ("/products", "/products/stream", "/orders/stream"):
        response = client.get(path)
        body = problem(response, 500)
        assert "hunter2" not in response.text
        assert "RuntimeError" not in response.text
        assert body["type"].endswith("internal-error")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (InvalidInput("x", field="limit"), 422),
        (NotFound("x"), 404),
        (Conflict("x"), 409),
        (Unavailable("x"), 503),
        (TooManyStreams(2), 429),
        (ValueError("x"), 500),
    ],
)
def test_the_map_gives_each_error_class_its_status(error: Exception, status: int) -> None:
    assert problem_kind_for(error).status == status


def test_a_subclass_inherits_its_parents_status() -> None:
    class StaleVersion(Conflict):
        pass

    assert problem_kind_for(StaleVersion("x")).status == 409


def test_a_bad_value_of_a_repeated_parameter_says_which_one(client: TestClient) -> None:
    body = problem(client.get("/orders?status=placed&status=lost"), 422)
    assert [(item["name"], item["index"]) for item in body["errors"]] == [("status", 1)]
    assert "shipped" in body["errors"][0]["detail"]
