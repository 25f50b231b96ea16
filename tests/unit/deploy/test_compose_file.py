"""docker-compose.yml as `docker compose config` would read it (no Docker daemon runs where the tests
do): migrations run once before the API and the workers, every long-running service restarts, the API
and the workers have health checks, stopping waits longer than the processes' own graceful shutdown,
the proxy the API trusts is nginx, and the API, which listens beyond loopback, asks for credentials."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[3]
APP_SERVICES = ("api", "worker")
DURATION = re.compile(r"^(?:(\d+)m)?(?:(\d+)s)?$")


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    found: dict[str, Any] = compose["services"]
    return found


def _seconds(duration: str) -> int:
    match = DURATION.match(duration)
    assert match is not None, f"unexpected duration {duration!r}"
    minutes, seconds = match.groups()
    return int(minutes or 0) * 60 + int(seconds or 0)


def test_the_stack_has_every_part(services: dict[str, Any]) -> None:
    assert set(services) >= {
        "postgres", "redis", "migrate", "api", "worker", "nginx", "otel-collector", "prometheus",
    }  # fmt: skip


def test_migrations_run_once_and_the_app_waits_for_them(services: dict[str, Any]) -> None:
    migrate = services["migrate"]
    assert migrate["command"] == ["spacetime", "migrate"]
    assert migrate["restart"] == "no"
    for name in APP_SERVICES:
        assert services[name]["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert "migrate" not in str(services[name].get("command", ""))
    assert "migrate" not in (ROOT / "Dockerfile").read_text().split("\nCMD", 1)[1]


def test_every_long_running_service_restarts(services: dict[str, Any]) -> None:
    for name, service in services.items():
        if name != "migrate":
            assert service.get("restart") in {"unless-stopped", "always", "on-failure"}, name


def test_the_api_and_the_worker_have_health_checks(services: dict[str, Any]) -> None:
    assert "/healthz" in " ".join(services["api"]["healthcheck"]["test"])
    worker = services["worker"]
    port = worker["environment"]["SPACETIME_WORKER_METRICS_PORT"]
    assert f"127.0.0.1:{port}/healthz" in " ".join(worker["healthcheck"]["test"])


def test_stopping_waits_longer_than_the_graceful_shutdowns(services: dict[str, Any]) -> None:
    worker = services["worker"]
    shutdown = float(worker["environment"]["SPACETIME_SHUTDOWN_SECONDS"])
    assert _seconds(worker["stop_grace_period"]) > shutdown
    api = services["api"]
    graceful = float(api["environment"]["GUNICORN_GRACEFUL_TIMEOUT"])
    assert _seconds(api["stop_grace_period"]) > graceful


def test_the_api_trusts_nginx_alone(services: dict[str, Any]) -> None:
    nginx_address = services["nginx"]["networks"]["default"]["ipv4_address"]
    assert services["api"]["environment"]["SPACETIME_TRUSTED_PROXIES"] == nginx_address


def test_the_api_asks_for_credentials_since_it_listens_beyond_loopback(services: dict[str, Any]) -> None:
    environment = services["api"]["environment"]
    assert environment["GUNICORN_BIND"].startswith("0.0.0.0:")
    assert environment["SPACETIME_AUTH_REQUIRED"] == "true" or environment.get("SPACETIME_OIDC_ISSUER")


def test_the_deployment_files_it_mounts_exist(services: dict[str, Any]) -> None:
    for name, service in services.items():
        for volume in service.get("volumes", []):
            source = str(volume).split(":", 1)[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), f"{name} mounts {source}"


def test_the_collector_receives_otlp_and_exports(services: dict[str, Any]) -> None:
    config_path = next(
        str(volume).split(":", 1)[0]
        for volume in services["otel-collector"]["volumes"]
        if "otel" in str(volume)
    )
    config = yaml.safe_load((ROOT / config_path).read_text())
    assert set(config["receivers"]["otlp"]["protocols"]) == {"grpc", "http"}
    assert config["service"]["pipelines"]["traces"]["exporters"]
    endpoint = services["api"]["environment"]["OTEL_EXPORTER_OTLP_ENDPOINT"]
    assert endpoint == "http://otel-collector:4318"
