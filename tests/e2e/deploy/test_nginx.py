"""deploy/nginx.conf under a real nginx: it loads (`nginx -t`), lets uploads as large as the import limit
through, and in front of a real server passes an event stream on as it comes, forwards the client's
request id, and serves /metrics to the private network."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import httpx
import pytest

from spacetime_service.bootstrap.import_settings import ImportSettings
from tests.support.binaries import required_binary
from tests.support.nginx_proxy import SITE, check_configuration, nginx_in_front_of

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from tests.support.uvicorn_server import UvicornServer

UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3}


@pytest.fixture(scope="module")
def nginx() -> str:
    return required_binary("nginx", "nginx-light")


@pytest.fixture(scope="module")
def proxied(nginx: str, api_server: UvicornServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with nginx_in_front_of(nginx, tmp_path_factory.mktemp("nginx"), api_server.port) as base_url:
        yield base_url


def test_nginx_accepts_the_deployed_configuration(nginx: str, tmp_path: Path) -> None:
    result = check_configuration(nginx, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_body_limit_lets_the_largest_import_through() -> None:
    [size, unit] = re.findall(r"^\s*client_max_body_size\s+(\d+)([kmg]?);", SITE.read_text(), re.MULTILINE)[0]
    assert int(size) * UNITS.get(unit, 1) >= int(ImportSettings().max_body_bytes)


def test_an_event_stream_comes_through_as_it_is_sent(proxied: str) -> None:
    # An event stream that never ends: the first event arrives only if nothing holds it back.
    with httpx.stream("GET", f"{proxied}/analytics/stream?interval_seconds=1", timeout=30) as response:
        assert response.status_code == 200
        texts = response.iter_text()
        seen = ""
        while "event: summary" not in seen:
            seen += next(texts)


def test_the_clients_request_id_reaches_the_app(proxied: str) -> None:
    kept = httpx.get(f"{proxied}/livez", headers={"X-Request-ID": "abc-123"}, timeout=10)
    assert kept.headers["x-request-id"] == "abc-123"


def test_metrics_are_served_to_the_private_network(proxied: str) -> None:
    response = httpx.get(f"{proxied}/metrics", timeout=10)
    assert response.status_code == 200
    assert "spacetime_http_requests_total" in response.text
