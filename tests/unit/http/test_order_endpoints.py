"""The order endpoints: keyset pages by id or time, date filters, NDJSON and CSV streams."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import orjson
import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

    from tests.unit.http.sample_catalog import SampleCatalog


def _ids(client: TestClient, url: str) -> list[int]:
    ids: list[int] = []
    next_url: str | None = url
    while next_url is not None:
        body = client.get(next_url).json()
        ids.extend(item["id"] for item in body["items"])
        next_url = body["links"]["next"]
    return ids


def test_pages_by_creation_time_descending(client: TestClient, catalog: SampleCatalog) -> None:
    ids = _ids(client, "/orders?limit=25&sort=-created_at&status=shipped&status=returned")
    expected = sorted(
        (o for o in catalog.orders if o.status.value in {"shipped", "returned"}),
        key=lambda o: (o.created_at, o.id),
        reverse=True,
    )
    assert ids == [o.id for o in expected]


@pytest.mark.parametrize(
    ("created_from", "created_to"),
    [
        ("2025-01-10", "2025-01-20"),  # dates are midnight UTC
        ("2025-01-10T00:00:00", "2025-01-20T00:00:00"),  # no offset means UTC
        ("2025-01-10T02:00:00%2B02:00", "2025-01-20T00:00:00Z"),  # the same instants with offsets
    ],
)
def test_a_date_range_means_the_same_instants_however_written(
    client: TestClient, catalog: SampleCatalog, created_from: str, created_to: str
) -> None:
    ids = _ids(client, f"/orders?limit=1000&created_from={created_from}&created_to={created_to}")
    start, end = datetime(2025, 1, 10, tzinfo=UTC), datetime(2025, 1, 20, tzinfo=UTC)
    assert ids == [o.id for o in catalog.orders if start <= o.created_at < end]
    assert ids


def test_the_stream_filters_by_customer_and_product(client: TestClient, catalog: SampleCatalog) -> None:
    lines = client.get("/orders/stream?customer_id=3").text.splitlines()
    assert [orjson.loads(line)["id"] for line in lines] == [
        o.id for o in catalog.orders if o.customer_id == 3
    ]
    assert client.get("/orders/stream?product_id=5&customer_id=3").text.count("\n") == sum(
        1 for o in catalog.orders if o.customer_id == 3 and o.product_id == 5
    )


def test_the_csv_stream_is_a_download(client: TestClient, catalog: SampleCatalog) -> None:
    response = client.get("/orders/stream?format=csv&columns=id,unit_price")
    assert response.headers["content-disposition"] == 'attachment; filename="orders.csv"'
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["id", "unit_price"]
    assert rows[1:] == [[str(o.id), f"{o.unit_price:.2f}"] for o in catalog.orders]


def test_an_unknown_format_is_refused(client: TestClient) -> None:
    response = client.get("/orders/stream?format=xlsx")
    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "format"
