"""`spacetime serve` believes X-Forwarded-For from a trusted proxy only: over a real server trusting
127.0.0.1 and 127.0.0.3 (the second is no default of uvicorn's, so only the setting can trust it), the
request log names the forwarded client for a request from either, and the connecting address for the
same header from 127.0.0.2 (not trusted)."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING

import httpx
import pytest

from tests.support.uvicorn_server import free_port, served_command
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

FORWARDED_CLIENT = "203.0.113.7"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A `spacetime serve` process trusting 127.0.0.1 and 127.0.0.3; its base URL and log file."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'proxy.db'}",
        "SPACETIME_CURSOR_SECRET": "e2e-secret",
        "SPACETIME_TRUSTED_PROXIES": "127.0.0.1,127.0.0.3",
        "SPACETIME_LOG_FORMAT": "json",
    }
    command = [sys.executable, "-m", "spacetime_service.entrypoints.cli.main", "serve", "--no-demo",
               "--host", "127.0.0.1", "--port", str(port)]  # fmt: skip
    log_path = tmp_path / "serve.log"
    with served_command(command, port=port, workdir=tmp_path, env=env, log_path=log_path) as base_url:
        yield base_url, log_path


def _client_logged(log_path: Path, request_id: str) -> str | None:
    for line in log_path.read_text(errors="replace").splitlines():
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if entry.get("event") == "request" and entry.get("request_id") == request_id:
            return str(entry.get("client"))
    return None


def _request_from(source: str, base_url: str, request_id: str) -> None:
    transport = httpx.HTTPTransport(local_address=source)
    with httpx.Client(transport=transport, timeout=30.0) as client:
        response = client.get(
            f"{base_url}/products",
            params={"limit": 1},
            headers={"X-Forwarded-For": FORWARDED_CLIENT, "X-Request-ID": request_id},
        )
    assert response.status_code == 200


@pytest.mark.parametrize("proxy", ["127.0.0.1", "127.0.0.3"])
def test_a_trusted_proxy_s_forwarded_client_is_the_client(served: tuple[str, Path], proxy: str) -> None:
    base_url, log_path = served
    request_id = f"via-{proxy.replace('.', '-')}"
    _request_from(proxy, base_url, request_id)

    logged = wait_until(lambda: _client_logged(log_path, request_id), "the request's log line")

    assert logged == FORWARDED_CLIENT


def test_the_header_from_an_untrusted_address_is_ignored(served: tuple[str, Path]) -> None:
    base_url, log_path = served
    _request_from("127.0.0.2", base_url, "from-elsewhere")

    logged = wait_until(lambda: _client_logged(log_path, "from-elsewhere"), "the request's log line")

    assert logged == "127.0.0.2"
