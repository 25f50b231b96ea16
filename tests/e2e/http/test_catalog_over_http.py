"""The catalog and order endpoints through a real uvicorn server over SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
from contextlib import ExitStack
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import httpx
import orjson
import pytest

from tests.e2e.http.conftest import MAX_STREAMS_PER_CLIENT, ORDERS, PRODUCTS, Served
from tests.support.seed import CARRIAGE_RETURN_NAME, FORMULA_NAMES, order_rows, product_rows
from tests.support.waiting import eventually

if TYPE_CHECKING:
    from collections.abc import Iterator


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def served(request: pytest.FixtureRequest) -> Served:
    return request.getfixturevalue(f"{request.param}_served")  # type: ignore[no-any-return]


@pytest.fixture
def client(served: Served) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=served.base_url, timeout=30.0) as client:
        yield client


@pytest.mark.parametrize("sort", ["id", "-price", "name", "-created_at"])
def test_following_next_links_visits_every_product_exactly_once(client: httpx.Client, sort: str) -> None:
    seen: list[dict[str, Any]] = []
    url: str | None = f"/products?limit=250&sort={sort}"
    while url is not None:
        body = client.get(url).raise_for_status().json()
        seen.extend(body["items"])
        url = body["links"]["next"]
    ids = [item["id"] for item in seen]
    assert sorted(ids) == list(range(1, PRODUCTS + 1))
    field, descending = sort.removeprefix("-"), sort.startswith("-")
    keys = [(_sortable(item[field]), item["id"]) for item in seen]
    assert keys == sorted(keys, reverse=descending)


def _sortable(value: str | int) -> Any:
    """Prices sort as numbers; ids, names and UTC times (fixed-width text) sort as they are."""
    return Decimal(value) if isinstance(value, str) and value.replace(".", "", 1).isdigit() else value


def test_the_ndjson_stream_has_one_parsable_line_per_match(client: httpx.Client) -> None:
    expected = [row["id"] for row in product_rows(PRODUCTS) if row["category"] in {"books", "toys"}]
    ids: list[int] = []
    with client.stream("GET", "/products/stream?category=books&category=toys&columns=id,price") as response:
        assert response.headers["content-type"] == "application/x-ndjson"
        assert response.headers["x-accel-buffering"] == "no"
        for line in response.iter_lines():
            record = orjson.loads(line)
            assert record.keys() == {"id", "price"}
            ids.append(record["id"])
    assert ids == expected


def test_the_order_stream_has_every_order(client: httpx.Client) -> None:
    with client.stream("GET", "/orders/stream") as response:
        count = sum(1 for line in response.iter_lines() if line)
    assert count == ORDERS


def test_the_order_csv_honours_the_filters(client: httpx.Client) -> None:
    query = (
        "format=csv&status=returned&created_from=2025-01-10&created_to=2025-01-20T12:00:00&columns=id,status"
    )
    response = client.get(f"/orders/stream?{query}")
    assert response.headers["content-disposition"] == 'attachment; filename="orders.csv"'
    rows = list(csv.reader(io.StringIO(response.text)))
    start, end = (
        datetime.fromisoformat("2025-01-10T00:00:00+00:00"),
        datetime.fromisoformat("2025-01-20T12:00:00+00:00"),
    )
    expected = [
        [str(row["id"]), "returned"]
        for row in order_rows(ORDERS, PRODUCTS)
        if row["status"] == "returned" and start <= row["created_at"] < end
    ]
    assert rows[0] == ["id", "status"]
    assert rows[1:] == expected


def _csv_export(client: httpx.Client) -> list[list[str]]:
    response = client.get("/products/export/csv")
    assert response.status_code == 200
    assert response.headers["content-disposition"] == 'attachment; filename="products.csv"'
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.text, newline="")))


def test_the_csv_export_is_a_formula_safe_download(client: httpx.Client) -> None:
    rows = _csv_export(client)
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
    by_id = {row[0]: row for row in rows[1:]}
    named = {row[2] for row in by_id.values() if not row[2].startswith("Product ")}
    assert named >= {"'" + name for name in FORMULA_NAMES if name != CARRIAGE_RETURN_NAME}
    assert not any(row[2][:1] in {"=", "+", "-", "@", "\t", "\r"} for row in by_id.values() if len(row) > 2)
    assert by_id["11"][3] == 'Item 11, "quoted", with a comma'


def test_a_cell_with_a_carriage_return_stays_in_its_row(client: httpx.Client) -> None:
    rows = _csv_export(client)
    assert len(rows) == PRODUCTS + 1
    assert all(len(row) == len(rows[0]) for row in rows)
    assert "'" + CARRIAGE_RETURN_NAME in {row[2] for row in rows[1:]}


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/products?sort=colour", "sort"),
        ("/products?limit=0", "limit"),
        ("/products?limit=5000", "limit"),
        ("/products?limit=many", "limit"),
        ("/products?category=weapons", "category"),
        ("/products?in_stock=perhaps", "in_stock"),
        ("/products?min_price=NaN", "min_price"),
        ("/products?max_price=1.999", "max_price"),
        ("/products/stream?columns=id,secret", "columns"),
        ("/products/search?q=", "q"),
        ("/products/search?q=a%00b", "q"),
        ("/orders?created_from=last-tuesday", "created_from"),
        ("/orders?created_to=2025-02-30", "created_to"),
        ("/orders?status=lost", "status"),
        ("/orders?customer_id=abc", "customer_id"),
        ("/orders/stream?sort=id&format=xml", "format"),
    ],
)
def test_bad_input_is_a_problem_that_names_the_parameter(client: httpx.Client, path: str, field: str) -> None:
    response = client.get(path)
    assert 400 <= response.status_code < 500
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == response.status_code
    assert field in {error["name"] for error in body["errors"]}


def test_a_tampered_cursor_is_refused(client: httpx.Client) -> None:
    cursor = client.get("/products?limit=10&sort=price").json()["next_cursor"]
    tampered = ("B" if cursor[5] == "A" else "A").join((cursor[:5], cursor[6:]))
    response = client.get(f"/products?limit=10&sort=price&cursor={tampered}")
    assert response.status_code == 422
    assert [error["name"] for error in response.json()["errors"]] == ["cursor"]


def test_ready_and_alive(client: httpx.Client) -> None:
    assert client.get("/livez").json() == {"status": "alive"}
    assert client.get("/readyz").json() == {"status": "ready", "checks": {"database": "ok"}}


def test_a_client_gets_429_beyond_its_open_streams(served: Served, client: httpx.Client) -> None:
    readers: list[Iterator[bytes]] = []  # held: dropping a reader makes httpx close its connection
    with ExitStack() as open_streams:
        for _ in range(MAX_STREAMS_PER_CLIENT):
            streaming = open_streams.enter_context(httpx.Client(base_url=served.base_url, timeout=30.0))
            response = open_streams.enter_context(streaming.stream("GET", "/orders/stream"))
            assert response.status_code == 200
            readers.append(response.iter_bytes())
            next(readers[-1])
        refused = client.get("/products/stream")
        assert refused.status_code == 429
        assert refused.headers["content-type"] == "application/problem+json"
        assert int(refused.headers["retry-after"]) > 0
    assert eventually(lambda: client.get("/products/stream?category=books").status_code == 200)
