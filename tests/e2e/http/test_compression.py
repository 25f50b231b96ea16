"""gzip on a real server: JSON answers are compressed for clients that accept it; streams are not, so
that events and export lines reach the client as they are made."""

from __future__ import annotations

import gzip
import json
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from tests.e2e.http.conftest import Served

GZIP = {"Accept-Encoding": "gzip"}


def test_a_json_page_is_gzipped_for_a_client_that_accepts_it(sqlite_served: Served) -> None:
    with httpx.Client(base_url=sqlite_served.base_url, timeout=30.0) as client:
        compressed = client.get("/products?limit=200", headers=GZIP)
        plain = client.get("/products?limit=200", headers={"Accept-Encoding": "identity"})
    assert compressed.status_code == plain.status_code == 200
    assert compressed.headers["content-encoding"] == "gzip"
    assert "accept-encoding" in compressed.headers["vary"].lower()
    assert "content-encoding" not in plain.headers
    # httpx decodes the body; the decoded page is the page.
    assert compressed.json() == plain.json()


def test_the_raw_gzip_body_decompresses_to_json(sqlite_served: Served) -> None:
    with (
        httpx.Client(base_url=sqlite_served.base_url, timeout=30.0) as client,
        client.stream("GET", "/products?limit=200", headers=GZIP) as response,
    ):
        raw = b"".join(response.iter_raw())
    assert json.loads(gzip.decompress(raw))["items"]


def test_ndjson_and_csv_streams_are_not_gzipped(sqlite_served: Served) -> None:
    with httpx.Client(base_url=sqlite_served.base_url, timeout=30.0) as client:
        for path in ("/products/stream", "/products/export/csv"):
            with client.stream("GET", path, headers=GZIP) as response:
                assert response.status_code == 200, path
                assert "content-encoding" not in response.headers, path
                next(response.iter_raw())


def test_the_front_door_leads_to_the_docs(sqlite_served: Served) -> None:
    with httpx.Client(base_url=sqlite_served.base_url, timeout=30.0) as client:
        response = client.get("/", follow_redirects=False)
        assert response.status_code == 307
        assert response.headers["location"] == "/docs"
        assert client.get("/", follow_redirects=True).status_code == 200
