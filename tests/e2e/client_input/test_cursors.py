"""Cursors through a real server on both databases: one signed with the server's secret but of the
wrong shape is a 422 naming `cursor` (it was a 500), and a cursor only continues the sort it was made
for, its direction included."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import TYPE_CHECKING

import pytest

from tests.e2e.client_input.conftest import SERVER_ENV
from tests.e2e.client_input.test_numbers_out_of_range import refused

if TYPE_CHECKING:
    import httpx


def signed(payload: bytes) -> str:
    secret = SERVER_ENV["SPACETIME_CURSOR_SECRET"].encode()
    signature = hmac.new(secret, payload, hashlib.sha256).digest()[:16]
    return base64.urlsafe_b64encode(payload + signature).rstrip(b"=").decode()


@pytest.mark.parametrize(
    ("path", "payload"),
    [
        ("/products", b'{"a": 1}'),
        ("/products", b'["id", null, 7]'),
        ("/products", b'["price", "1e400", 7, "asc"]'),
        ("/products", b'["id", 99999999999999999999999, 99999999999999999999999, "asc"]'),
        ("/orders", b'["created_at", "yesterday", 7, "asc"]'),
        ("/jobs", b'["jobs:created_at", "not-a-time x", 0, "asc"]'),
        ("/ml/models", b'["models:created_at", 12, 0, "asc"]'),
    ],
)
def test_a_signed_cursor_of_the_wrong_shape_is_422_naming_cursor(
    client: httpx.Client, path: str, payload: bytes
) -> None:
    sort = "&sort=price" if b'"price"' in payload else "&sort=created_at" if path == "/orders" else ""
    refused(client.get(f"{path}?cursor={signed(payload)}{sort}"), "cursor", "query")


def test_a_cursor_continues_only_its_own_sort_direction(client: httpx.Client) -> None:
    cursor = client.get("/products?limit=5&sort=-price").json()["next_cursor"]

    assert client.get(f"/products?limit=5&sort=-price&cursor={cursor}").status_code == 200
    refused(client.get(f"/products?limit=5&sort=price&cursor={cursor}"), "cursor", "query")
