"""A bare `uvicorn --factory --host 0.0.0.0` without SPACETIME_HOST builds the app for the default
127.0.0.1 and so allows anonymous callers; each request's own local address still decides: a request
that came over loopback is served, one that reached a network address of the machine is a 401."""

from __future__ import annotations

import os
import socket
import sys
from typing import TYPE_CHECKING

import httpx
import pytest

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.support.uvicorn_server import APP_FACTORY, free_port, served_command

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path


def _network_address() -> str:
    """An address of this machine other than loopback (no packet is sent to find it)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.254.254.254", 1))
        address: str = probe.getsockname()[0]
    except OSError:
        address = "127.0.0.1"
    finally:
        probe.close()
    if address.startswith("127."):
        pytest.skip("this machine has no address beyond loopback to reach the server on")
    return address


@pytest.fixture
def everywhere(tmp_path: Path) -> Iterator[int]:
    """The port of a bare uvicorn on 0.0.0.0 that was not told its address."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("SPACETIME_")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'bare.db'}"
    upgrade_to_head(env["DATABASE_URL"])
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        APP_FACTORY,
        "--factory",
        "--host",
        "0.0.0.0",
        "--port",
        str(port),
    ]
    log_path = tmp_path / "uvicorn.log"
    with served_command(command, port=port, workdir=tmp_path, env=env, log_path=log_path):
        yield port


def test_only_a_request_that_came_over_loopback_is_anonymous(everywhere: int) -> None:
    address = _network_address()

    local = httpx.get(f"http://127.0.0.1:{everywhere}/jobs", timeout=30)
    remote = httpx.get(f"http://{address}:{everywhere}/jobs", timeout=30)

    assert local.status_code == 200
    assert remote.status_code == 401
    assert remote.headers["www-authenticate"] == "Bearer"
