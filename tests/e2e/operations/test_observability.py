"""Metrics, request ids and JSON logs as a scraper and a log shipper see them, from a real server."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import orjson
import pytest

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.support.uvicorn_server import live_server
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    workdir = tmp_path_factory.mktemp("observability")
    url = f"sqlite:///{workdir / 'ops.db'}"
    upgrade_to_head(url)
    with live_server(url, workdir) as base_url:
        yield base_url, workdir


def test_metrics_count_requests_by_route_template(server: tuple[str, Path]) -> None:
    base_url, _ = server
    for product_id in (1, 2, 3):
        assert httpx.get(f"{base_url}/products/{product_id}").status_code == 404
    text = httpx.get(f"{base_url}/metrics").text
    line = next(
        line
        for line in text.splitlines()
        if line.startswith("spacetime_http_requests_total{") and 'route="/products/{product_id}"' in line
    )
    assert 'status="404"' in line
    assert float(line.rsplit(" ", 1)[1]) == 3.0


def test_a_request_id_is_echoed_and_a_plain_one_is_kept(server: tuple[str, Path]) -> None:
    base_url, _ = server
    assert httpx.get(f"{base_url}/products").headers["x-request-id"]
    kept = httpx.get(f"{base_url}/products", headers={"X-Request-ID": "abc-123"})
    assert kept.headers["x-request-id"] == "abc-123"
    replaced = httpx.get(f"{base_url}/products", headers={"X-Request-ID": "bad id\twith spaces"})
    assert replaced.headers["x-request-id"] != "bad id\twith spaces"


def test_log_lines_are_json_with_request_and_trace_ids(server: tuple[str, Path]) -> None:
    base_url, workdir = server
    httpx.get(f"{base_url}/products", headers={"X-Request-ID": "trace-me-1"})
    log_file = next(workdir.glob("uvicorn-*.log"))

    def lines_of_the_request() -> list[dict[str, object]] | None:
        records = [orjson.loads(line) for line in log_file.read_bytes().splitlines() if line.startswith(b"{")]
        return [record for record in records if record.get("request_id") == "trace-me-1"] or None

    # The line is written once the response has been sent, so it may lag the response a little.
    mine = wait_until(
        lines_of_the_request, "a JSON log line carrying the request id", seconds=10.0, every=0.05
    )
    assert mine[0]["event"] == "request"
    assert mine[0]["status"] == 200
    assert len(str(mine[0]["trace_id"])) == 32
