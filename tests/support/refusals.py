"""What a refused request looks like over HTTP: 503 problem+json with a Retry-After, whether the
service is out of request connections or out of stream slots."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import httpx


def assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert int(response.headers["retry-after"]) > 0
    assert response.json()["status"] == 503


def assert_streams_busy(response: httpx.Response) -> None:
    """A stream refused because the process serves its cap of streams (SPACETIME_MAX_STREAMS)."""
    assert_unavailable(response)
    assert response.json()["type"].endswith(":streams-busy")


def assert_pool_refuses(client: httpx.Client) -> None:
    """Pages and streams are refused while every request connection is taken."""
    assert_unavailable(client.get("/products/1"))
    # A stream takes its connection before the response starts: a 503, not a broken 200.
    with client.stream("GET", "/orders/stream") as stream:
        stream.read()
        assert_unavailable(stream)
