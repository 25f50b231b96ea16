"""What a client received from a stream or an export: through the use case, only the bytes; over
HTTP, the response's headers as well."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import httpx

from tests.bdd.service_processes import CURSOR_SECRET
from tests.support.uvicorn_server import live_server

if TYPE_CHECKING:
    from collections.abc import Mapping
    from pathlib import Path


@dataclass(frozen=True)
class Received:
    body: bytes
    headers: Mapping[str, str] = field(default_factory=dict)

    @property
    def lines(self) -> list[bytes]:
        return self.body.splitlines()


def received_over_http(database_url: str, workdir: Path, path: str) -> Received:
    """GET `path` from a real server over the scenario's database."""
    with live_server(database_url, workdir, {"SPACETIME_CURSOR_SECRET": CURSOR_SECRET}) as base_url:
        response = httpx.get(base_url + path, timeout=30)
    assert response.status_code == 200, response.text
    return Received(response.content, dict(response.headers))
