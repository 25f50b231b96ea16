"""JSON bodies are limited while they are read (SPACETIME_MAX_JSON_BODY_BYTES, 64 KiB for these
servers): a larger one, declared or streamed in chunks without a length, is a 413 problem and the
server keeps serving; uploads in their own media types keep their own, larger limit."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.e2e.client_input.conftest import SERVER_ENV

if TYPE_CHECKING:
    from collections.abc import Iterator

    import httpx

LIMIT = int(SERVER_ENV["SPACETIME_MAX_JSON_BODY_BYTES"])
JSON = {"content-type": "application/json"}


def chunks(total: int, size: int = 16 * 1024) -> Iterator[bytes]:
    """A JSON document of `total` bytes, sent a chunk at a time (no Content-Length: chunked encoding)."""
    yield b'{"start_date": "2025-01-01", "end_date": "2025-01-02", "pad": "'
    sent = 64
    while sent < total:
        yield b"x" * size
        sent += size
    yield b'"}'


def too_large(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body: dict[str, Any] = response.json()
    assert body["status"] == 413
    assert str(LIMIT) in body["detail"]
    return body


def test_a_json_body_streamed_past_the_limit_is_413_and_the_server_stays_up(client: httpx.Client) -> None:
    too_large(client.post("/reports/generate", content=chunks(4 * LIMIT), headers=JSON))

    assert client.get("/livez").status_code == 200
    assert client.get("/products?limit=1").status_code == 200


def test_a_declared_length_past_the_limit_is_413_before_the_body_is_read(client: httpx.Client) -> None:
    body = b"".join(chunks(2 * LIMIT))
    too_large(client.post("/products/bulk-update?dry_run=true", content=body, headers=JSON))
    too_large(client.post("/ml/train", content=body))  # no type is read as JSON, so it counts too


def test_a_json_body_within_the_limit_is_read_as_before(client: httpx.Client) -> None:
    ids = list(range(1, 5_000))  # about 29 KB of JSON
    document = {"filter": {"ids": ids}, "operation": {"type": "add_stock", "delta": 1}}

    response = client.post("/products/bulk-update?dry_run=true", json=document)

    assert response.status_code == 200, response.text
    assert response.json()["would_change"] == 40


def test_an_upload_keeps_its_own_larger_limit(client: httpx.Client) -> None:
    line = b'{"sku": "BIG-%06d", "name": "Big", "category": "toys", "price": "1.00", "stock": 1}\n'
    upload = b"".join(line % index for index in range(2 * LIMIT // len(line) + 1))
    assert len(upload) > LIMIT

    response = client.post(
        "/products/import", content=upload, headers={"content-type": "application/x-ndjson"}
    )

    assert response.status_code == 202, response.text
