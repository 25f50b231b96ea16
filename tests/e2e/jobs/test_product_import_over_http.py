"""Product imports through a real server: CSV and NDJSON uploads become jobs that upsert by sku, the
products read back through the catalog's endpoints, and a bad upload changes nothing."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypedDict

import httpx

from tests.support.job_waiting import wait_for_end

if TYPE_CHECKING:
    from tests.e2e.jobs.conftest import JobServer

CSV_HEADER = "sku,name,description,category,price,stock\r\n"


class NdjsonRecord(TypedDict):
    sku: str
    name: str
    category: str
    price: str
    stock: int


def _catalog(client: httpx.Client) -> dict[str, dict[str, Any]]:
    """Every product by sku, read through the stream endpoint."""
    response = client.get("/products/stream")
    assert response.status_code == 200
    products = (json.loads(line) for line in response.text.splitlines())
    return {product["sku"]: product for product in products}


def _imported(client: httpx.Client, response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 202, response.text
    job = response.json()
    assert response.headers["location"] == f"/jobs/{job['id']}"
    assert job["kind"] == "product_import"
    ended = wait_for_end(client, job["id"])
    assert ended["status"] == "succeeded", ended
    return ended


def test_a_csv_upload_upserts_by_sku_and_the_products_read_back(job_server: JobServer) -> None:
    rows = [
        'SKU-000450,"Lamp, brass","says ""hello""\nin two lines",home,12.50,4',
        "IMP-CSV-1,=SUM(A1:A9),,books,0.99,0",
        "IMP-CSV-2,Grüße 日本 🚀,naïve,toys,1000,7",
    ]
    body = ("\ufeff" + CSV_HEADER + "\r\n".join(rows) + "\r\n").encode()
    with httpx.Client(
        base_url=job_server.base_url, headers=job_server.as_owner("e2e-import"), timeout=30
    ) as client:
        before = _catalog(client)

        ended = _imported(
            client, client.post("/products/import", content=body, headers={"Content-Type": "text/csv"})
        )
        after = _catalog(client)
        by_id = client.get(f"/products/{before['SKU-000450']['id']}").json()

    assert json.loads(ended["result_ref"]) == {"inserted": 2, "updated": 1, "unchanged": 0}
    assert (ended["progress"]["done"], ended["progress"]["total"], ended["progress"]["unit"]) == (
        3,
        3,
        "rows",
    )
    assert len(after) == len(before) + 2
    lamp = after["SKU-000450"]
    assert (lamp["name"], lamp["description"], lamp["category"], lamp["price"], lamp["stock"]) == (
        "Lamp, brass", 'says "hello"\nin two lines', "home", "12.50", 4,
    )  # fmt: skip
    assert lamp == by_id
    assert lamp["created_at"] == before["SKU-000450"]["created_at"]
    assert lamp["updated_at"] != before["SKU-000450"]["updated_at"]
    assert (after["IMP-CSV-1"]["name"], after["IMP-CSV-1"]["price"]) == ("=SUM(A1:A9)", "0.99")
    assert (after["IMP-CSV-2"]["name"], after["IMP-CSV-2"]["price"]) == ("Grüße 日本 🚀", "1000.00")
    assert after["IMP-CSV-2"]["created_at"] == after["IMP-CSV-2"]["updated_at"]
    untouched = set(before) - {"SKU-000450"}
    assert all(after[sku] == before[sku] for sku in untouched)


def test_an_ndjson_upload_runs_once_per_idempotency_key(job_server: JobServer) -> None:
    records: list[NdjsonRecord] = [
        {"sku": f"IMP-ND-{i}", "name": f"Imported {i}", "category": "garden", "price": f"{i}.25", "stock": i}
        for i in range(1, 41)
    ]
    body = "".join(json.dumps(record) + "\n" for record in records).encode()
    headers = {"Content-Type": "application/x-ndjson", "Idempotency-Key": "import-1"}
    with httpx.Client(
        base_url=job_server.base_url, headers=job_server.as_owner("e2e-import"), timeout=30
    ) as client:
        first = client.post("/products/import", content=body, headers=headers)
        again = client.post("/products/import", content=body, headers=headers)
        other = client.post("/products/import", content=body[: body.rindex(b"{")], headers=headers)
        ended = _imported(client, first)
        after = _catalog(client)

    assert (again.status_code, again.json()["id"], again.headers["idempotent-replayed"]) == (
        202, first.json()["id"], "true",
    )  # fmt: skip
    assert other.status_code == 409
    assert json.loads(ended["result_ref"]) == {"inserted": 40, "updated": 0, "unchanged": 0}
    assert all(
        (after[r["sku"]]["price"], after[r["sku"]]["stock"]) == (r["price"], r["stock"]) for r in records
    )


def test_a_bad_line_is_refused_with_its_number_and_field_and_changes_nothing(job_server: JobServer) -> None:
    body = (CSV_HEADER + "IMP-BAD-1,Fine,,toys,1.00,1\r\nIMP-BAD-2,Bad,,toys,1.005,1\r\n").encode()
    with httpx.Client(
        base_url=job_server.base_url, headers=job_server.as_owner("e2e-import-bad"), timeout=30
    ) as client:
        before = _catalog(client)

        response = client.post("/products/import", content=body, headers={"Content-Type": "text/csv"})
        after = _catalog(client)
        jobs = client.get("/jobs", params={"kind": "product_import"}).json()["items"]

    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["detail"] == "line 3: price has more than two decimal places"
    assert problem["errors"] == [{"name": "price", "in": "body", "line": 3, "detail": problem["detail"]}]
    assert after == before
    assert jobs == []


def test_uploads_past_the_limits_or_in_other_formats_are_refused(job_server: JobServer) -> None:
    rows = "".join(f"IMP-BIG-{i},Big,,toys,1.00,1\n" for i in range(1001))
    with httpx.Client(base_url=job_server.base_url, timeout=30) as client:
        too_many = client.post(
            "/products/import", content=CSV_HEADER + rows, headers={"Content-Type": "text/csv"}
        )
        as_json = client.post("/products/import", json=[{"sku": "X"}])
        latin1 = client.post(
            "/products/import", content=b"sku\n", headers={"Content-Type": "text/csv; charset=latin-1"}
        )

    assert (too_many.status_code, too_many.json()["type"]) == (
        413,
        "tag:spacetime-service,2025:problem:too-large",
    )
    assert (as_json.status_code, latin1.status_code) == (415, 415)
    assert as_json.headers["content-type"] == "application/problem+json"
