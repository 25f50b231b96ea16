"""deploy/nginx.conf under a real nginx, in front of a real `spacetime serve` configured as
docker-compose's api (credentials required, SPACETIME_TRUSTED_PROXIES naming nginx's own address): it
loads (`nginx -t`); an event stream and a large CSV export come through as they are sent; the client's
address reaches the app through X-Forwarded-For; an upload as large as the import limit passes, and
one byte more gets the app's own refusal; the client's request id is forwarded; /metrics answers the
private network."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx
import pytest
from sqlalchemy import text

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.bootstrap.import_settings import ImportSettings
from tests.support.access import api_key, bearer
from tests.support.binaries import required_binary
from tests.support.nginx_proxy import SITE, check_configuration, nginx_in_front_of
from tests.support.scrapes import Scrape
from tests.support.seed import seed
from tests.support.uvicorn_server import free_port, served_command
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

UNITS = {"k": 1024, "m": 1024**2, "g": 1024**3}
# nginx's own address towards the API (docker-compose gives its nginx 172.30.0.10), and the client's.
NGINX_ADDRESS = "127.0.0.9"
CLIENT_ADDRESS = "127.0.0.7"
IMPORT_LIMIT = 4096  # SPACETIME_IMPORT_MAX_BODY_BYTES, small for the test
PRODUCTS = 20_000
# Descriptions of 2,000 characters make the CSV export about 40 MB: far more than every buffer between
# the server and the client can hold (nginx's proxy buffers, and socket buffers that grow to a few MB),
# so while the client has read only its first chunk the server cannot have sent its last.
DESCRIPTION = "d" * 2_000
CSV_HEADER = "sku,name,description,category,price,stock\r\n"


@dataclass(frozen=True)
class DeployedApi:
    base_url: str
    port: int
    log_path: Path
    key: str

    def client_logged(self, request_id: str) -> str | None:
        """The client address of the request's log line, once it is written."""
        for line in self.log_path.read_text(errors="replace").splitlines():
            try:
                entry = json.loads(line)
            except ValueError:
                continue
            if entry.get("event") == "request" and entry.get("request_id") == request_id:
                return str(entry.get("client"))
        return None

    def scrape(self) -> Scrape:
        return Scrape.of(f"{self.base_url}/metrics")


@pytest.fixture(scope="module")
def nginx() -> str:
    return required_binary("nginx", "nginx-light")


@pytest.fixture(scope="module")
def deployed_api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DeployedApi]:
    """`spacetime serve` as docker-compose's api runs it, on loopback."""
    workdir = tmp_path_factory.mktemp("deployed-api")
    url = f"sqlite:///{workdir / 'deployed.db'}"
    seed(url, product_count=PRODUCTS, order_count=2_000)
    engine = create_database_engine(url)
    with engine.begin() as connection:
        connection.execute(text("UPDATE products SET description = :wide"), {"wide": DESCRIPTION})
    key = api_key(engine, "proxied")
    engine.dispose()
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "SPACETIME_CURSOR_SECRET": "deployed-secret",
        "SPACETIME_AUTH_REQUIRED": "true",
        "SPACETIME_TRUSTED_PROXIES": NGINX_ADDRESS,
        "SPACETIME_IMPORT_MAX_BODY_BYTES": str(IMPORT_LIMIT),
        "SPACETIME_ARTIFACT_STORAGE": str(workdir / "artifacts"),
        "SPACETIME_LOG_FORMAT": "json",
    }
    command = [sys.executable, "-m", "spacetime_service.entrypoints.cli.main", "serve", "--no-demo",
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    log_path = workdir / "serve.log"
    with served_command(command, port=port, workdir=workdir, env=env, log_path=log_path) as base_url:
        yield DeployedApi(base_url, port, log_path, key)


@pytest.fixture(scope="module")
def proxied(nginx: str, deployed_api: DeployedApi, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    workdir = tmp_path_factory.mktemp("nginx")
    with nginx_in_front_of(nginx, workdir, deployed_api.port, source_address=NGINX_ADDRESS) as base_url:
        yield base_url


def _no_stream_open(api: DeployedApi) -> Scrape:
    """A scrape once no stream is served (an earlier test's stream ends when the server notices)."""

    def idle() -> Scrape | None:
        scrape = api.scrape()
        return scrape if scrape.value("spacetime_streams_open") == 0 else None

    return wait_until(idle, "no stream being served", seconds=30)


def test_nginx_accepts_the_deployed_configuration(nginx: str, tmp_path: Path) -> None:
    result = check_configuration(nginx, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_the_body_limit_lets_the_largest_import_through() -> None:
    [size, unit] = re.findall(r"^\s*client_max_body_size\s+(\d+)([kmg]?);", SITE.read_text(), re.MULTILINE)[0]
    assert int(size) * UNITS.get(unit, 1) >= int(ImportSettings().max_body_bytes)


def test_credentials_are_required_through_nginx(proxied: str, deployed_api: DeployedApi) -> None:
    assert httpx.get(f"{proxied}/products", params={"limit": 1}, timeout=30).status_code == 401
    with_key = httpx.get(
        f"{proxied}/products", params={"limit": 1}, headers=bearer(deployed_api.key), timeout=30
    )
    assert with_key.status_code == 200


def test_an_event_stream_comes_through_as_it_is_sent(proxied: str, deployed_api: DeployedApi) -> None:
    # An event stream that never ends: its first event arrives only if nothing holds it back, and the
    # same stream goes on afterwards, so the event came while the stream was open.
    url = f"{proxied}/analytics/stream?interval_seconds=1"
    with httpx.stream("GET", url, headers=bearer(deployed_api.key), timeout=30) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        lines = response.iter_lines()
        first = _event(lines)
        while "event: summary" not in first:  # the stream opens with its retry advice
            first += _event(lines)
        print("\nthe first event through nginx:\n" + "\n".join(line[:160] for line in first))
        assert "event: summary" in _event(lines)


def _event(lines: Iterator[str]) -> list[str]:
    """The lines of the next event (up to the blank line that ends it)."""
    event: list[str] = []
    while not event or event[-1] != "":
        event.append(next(lines))
    return event


def test_a_large_csv_export_arrives_before_the_server_has_sent_all_of_it(
    proxied: str, deployed_api: DeployedApi
) -> None:
    before = _no_stream_open(deployed_api)
    url = f"{proxied}/products/export/csv"
    with httpx.stream("GET", url, headers=bearer(deployed_api.key), timeout=60) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/csv")
        chunks = response.iter_bytes()
        first = next(chunks)
        # The first rows are here, read through nginx, while the server is still serving the stream:
        # it has not sent its last row (a stream counts as open until the end of its body).
        during = deployed_api.scrape()
        assert during.value("spacetime_streams_open") == 1
        assert during.value("spacetime_processing_seconds_count") == before.value(
            "spacetime_processing_seconds_count"
        )
        body = first + b"".join(chunks)
    head = first.decode(errors="replace").split("\n")[:3]
    shown = "\n".join(line[:120] for line in head)
    print(f"\nthe first lines of the CSV through nginx ({len(first)} of {len(body)} bytes):\n{shown}")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows[0][:2] == ["id", "sku"]
    assert len(rows) - 1 == PRODUCTS  # every row, after the header
    after = _no_stream_open(deployed_api)
    count = "spacetime_processing_seconds_count"
    assert after.value(count) == before.value(count) + 1


def test_the_client_s_address_reaches_the_app_through_x_forwarded_for(
    proxied: str, deployed_api: DeployedApi
) -> None:
    headers = {**bearer(deployed_api.key), "X-Request-ID": "through-nginx"}
    with httpx.Client(transport=httpx.HTTPTransport(local_address=CLIENT_ADDRESS), timeout=30) as client:
        assert client.get(f"{proxied}/products", params={"limit": 1}, headers=headers).status_code == 200
    logged = wait_until(lambda: deployed_api.client_logged("through-nginx"), "the request's log line")
    assert logged == CLIENT_ADDRESS

    # The same header straight from 127.0.0.1, which SPACETIME_TRUSTED_PROXIES does not name, is ignored.
    forged = {**bearer(deployed_api.key), "X-Request-ID": "forged", "X-Forwarded-For": "203.0.113.7"}
    assert (
        httpx.get(f"{deployed_api.base_url}/products", params={"limit": 1}, headers=forged).status_code == 200
    )
    assert wait_until(lambda: deployed_api.client_logged("forged"), "the request's log line") == "127.0.0.1"


def _products_csv(size: int) -> bytes:
    """A CSV upload of exactly `size` bytes: one product, its description padded to fill the size."""
    row = "NGINX-LIMIT-1,Limit,{},books,1.50,3\r\n"
    padding = size - len((CSV_HEADER + row.format("")).encode())
    body = (CSV_HEADER + row.format("x" * padding)).encode()
    assert len(body) == size
    return body


def test_an_upload_as_large_as_the_import_limit_passes_and_the_app_refuses_one_byte_more(
    proxied: str, deployed_api: DeployedApi
) -> None:
    headers = {**bearer(deployed_api.key), "Content-Type": "text/csv"}
    with httpx.Client(base_url=proxied, headers=headers, timeout=30) as client:
        at_the_limit = client.post("/products/import", content=_products_csv(IMPORT_LIMIT))
        beyond = client.post("/products/import", content=_products_csv(IMPORT_LIMIT + 1))
    assert at_the_limit.status_code == 202, at_the_limit.text
    # The app's refusal, not nginx's: a problem+json body naming the limit.
    assert beyond.status_code == 413
    assert beyond.headers["content-type"] == "application/problem+json"
    assert str(IMPORT_LIMIT) in beyond.json()["detail"]


def test_the_clients_request_id_reaches_the_app(proxied: str) -> None:
    kept = httpx.get(f"{proxied}/livez", headers={"X-Request-ID": "abc-123"}, timeout=10)
    assert kept.headers["x-request-id"] == "abc-123"


def test_metrics_are_served_to_the_private_network(proxied: str) -> None:
    response = httpx.get(f"{proxied}/metrics", timeout=10)
    assert response.status_code == 200
    assert "spacetime_http_requests_total" in response.text
