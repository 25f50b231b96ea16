"""With the Celery runner, /readyz asks the broker too: 503 while it cannot be reached, 200 once it can."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx
import pytest

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.support.uvicorn_server import UvicornServer, free_port

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.redis


def _readiness(tmp_path: Path, broker_url: str) -> httpx.Response:
    url = f"sqlite:///{tmp_path / 'ready.db'}"
    upgrade_to_head(url)
    env = {"SPACETIME_JOB_RUNNER": "celery", "SPACETIME_BROKER_URL": broker_url}
    with UvicornServer(url, tmp_path, env) as server:
        return httpx.get(f"{server.base_url}/readyz", timeout=30.0)


def test_an_unreachable_broker_makes_the_service_not_ready(tmp_path: Path) -> None:
    closed = free_port()  # nothing listens there once the probe socket is closed

    response = _readiness(tmp_path, f"redis://127.0.0.1:{closed}/0")

    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "broker" in response.json()["detail"]


def test_a_reachable_broker_is_a_check_of_readiness(tmp_path: Path, redis_url: str) -> None:
    response = _readiness(tmp_path, redis_url)

    assert response.status_code == 200
    assert response.json() == {"status": "ready", "checks": {"database": "ok", "broker": "ok"}}
