"""CORS from SPACETIME_CORS_ORIGINS: an origin on the list gets its preflights answered and its answers
marked, an origin off the list gets no CORS header at all, and by default no origin gets any."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr, ValidationError

from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from spacetime_service.entrypoints.http.app import create_app

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    import httpx

ALLOWED = "https://console.example.com"
OTHER = "https://elsewhere.example.net"
PREFLIGHT = {
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization, content-type, idempotency-key",
}


def _client(tmp_path: Path, origins: str | None) -> Iterator[TestClient]:
    secret = SecretStr("unit-test-secret")
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=f"sqlite:///{tmp_path / 'unused.db'}"),
        api=ApiSettings(cursor_secret=secret)
        if origins is None
        else ApiSettings(cursor_secret=secret, cors_origins=origins),
    )
    with TestClient(create_app(build_container(settings)), raise_server_exceptions=False) as client:
        yield client


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    yield from _client(tmp_path, f"{ALLOWED}, http://localhost:5173")


@pytest.fixture
def default_client(tmp_path: Path) -> Iterator[TestClient]:
    yield from _client(tmp_path, None)


def _cors_headers(response: httpx.Response) -> dict[str, str]:
    return {name: value for name, value in response.headers.items() if name.startswith("access-control-")}


def test_an_allowed_origins_preflight_is_answered(client: TestClient) -> None:
    response = client.options("/reports/generate", headers={"Origin": ALLOWED, **PREFLIGHT})

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED
    assert "POST" in response.headers["access-control-allow-methods"].split(", ")
    allowed_headers = response.headers["access-control-allow-headers"].lower().split(", ")
    for header in ("authorization", "content-type", "idempotency-key", "range", "if-none-match"):
        assert header in allowed_headers
    assert "access-control-allow-credentials" not in response.headers


def test_an_allowed_origins_answer_is_marked_and_exposes_the_services_headers(client: TestClient) -> None:
    response = client.get("/livez", headers={"Origin": ALLOWED})

    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == ALLOWED
    exposed = response.headers["access-control-expose-headers"].split(", ")
    for header in ("Location", "Retry-After", "Content-Range", "ETag"):
        assert header in exposed
    assert "Origin" in response.headers["vary"]


def test_another_origin_gets_no_cors_header(client: TestClient) -> None:
    preflight = client.options("/reports/generate", headers={"Origin": OTHER, **PREFLIGHT})
    answer = client.get("/livez", headers={"Origin": OTHER})

    assert _cors_headers(preflight) == {}
    assert preflight.status_code == 405
    assert preflight.headers["content-type"] == "application/problem+json"
    assert _cors_headers(answer) == {}
    assert answer.status_code == 200
    assert "Origin" in answer.headers["vary"]


def test_by_default_no_origin_gets_a_cors_header(default_client: TestClient) -> None:
    preflight = default_client.options("/reports/generate", headers={"Origin": ALLOWED, **PREFLIGHT})
    answer = default_client.get("/livez", headers={"Origin": ALLOWED})

    assert _cors_headers(preflight) == {}
    assert _cors_headers(answer) == {}


@pytest.mark.parametrize("origin", ["console.example.com", "https://console.example.com/", "https://a.b/app"])
def test_a_setting_that_is_not_an_origin_is_refused(origin: str) -> None:
    with pytest.raises(ValidationError, match="is not an origin"):
        ApiSettings(cors_origins=origin)
