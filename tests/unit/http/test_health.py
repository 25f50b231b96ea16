"""Liveness never touches a dependency; readiness reports each one, as a problem when it fails."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from dependency_injector import providers
from fastapi.testclient import TestClient

from spacetime_service.entrypoints.http.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.bootstrap.containers.root import RootContainer


class ScriptedProbe:
    name = "database"

    def __init__(self, reason: str | None) -> None:
        self.reason = reason
        self.threads: list[int] = []

    def check(self) -> str | None:
        self.threads.append(threading.get_ident())
        return self.reason


@pytest.fixture
def probe() -> ScriptedProbe:
    return ScriptedProbe(reason=None)


@pytest.fixture
def probed_client(container: RootContainer, probe: ScriptedProbe) -> Iterator[TestClient]:
    container.database.health_probe.override(providers.Object(probe))
    with TestClient(create_app(container)) as client:
        yield client


def test_liveness_is_always_ok_and_asks_no_probe(probed_client: TestClient, probe: ScriptedProbe) -> None:
    probe.reason = "connection refused"
    assert probed_client.get("/livez").json() == {"status": "alive"}
    assert probe.threads == []


@pytest.mark.parametrize("path", ["/readyz", "/healthz"])
def test_ready_when_every_probe_answers(probed_client: TestClient, probe: ScriptedProbe, path: str) -> None:
    response = probed_client.get(path)
    assert response.json() == {"status": "ready", "checks": {"database": "ok"}}
    assert probe.threads
    assert threading.get_ident() not in probe.threads


@pytest.mark.parametrize("path", ["/readyz", "/healthz"])
def test_not_ready_is_a_503_problem_with_the_reason(
    probed_client: TestClient, probe: ScriptedProbe, path: str
) -> None:
    probe.reason = "connection refused"
    response = probed_client.get(path)
    assert response.status_code == 503
    assert response.headers["content-type"] == "application/problem+json"
    assert "retry-after" in response.headers
    assert "database: connection refused" in response.json()["detail"]
