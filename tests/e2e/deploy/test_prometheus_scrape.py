"""A real Prometheus scrapes a real server with deploy/prometheus.yml's API job (its target pointed at
the test's server, its interval shortened): the target is up, the scrape parses, and the service's
series are stored with their labels."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import yaml

from tests.support.binaries import required_binary
from tests.support.uvicorn_server import STOP_SECONDS, free_port
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tests.support.uvicorn_server import UvicornServer

DEPLOYED = Path(__file__).resolve().parents[3] / "deploy" / "prometheus.yml"
API_JOB = "spacetime-api"


def _api_job_only(target: str) -> dict[str, Any]:
    config: dict[str, Any] = yaml.safe_load(DEPLOYED.read_text())
    [job] = [job for job in config["scrape_configs"] if job["job_name"] == API_JOB]
    job["static_configs"] = [{"targets": [target]}]
    config["global"]["scrape_interval"] = "1s"
    config["scrape_configs"] = [job]
    return config


@pytest.fixture(scope="module")
def prometheus_url(api_server: UvicornServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    prometheus = required_binary("prometheus", "prometheus")
    workdir = tmp_path_factory.mktemp("prometheus")
    config = workdir / "prometheus.yml"
    config.write_text(yaml.safe_dump(_api_job_only(f"127.0.0.1:{api_server.port}")))
    address = f"127.0.0.1:{free_port()}"
    command = [
        prometheus, f"--config.file={config}", f"--storage.tsdb.path={workdir / 'data'}",
        f"--web.listen-address={address}",
    ]  # fmt: skip
    with (workdir / "prometheus.log").open("wb") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    try:
        yield f"http://{address}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _query(prometheus_url: str, expression: str) -> list[dict[str, Any]] | None:
    """The query's series, or None while Prometheus is starting or has none yet."""
    try:
        response = httpx.get(f"{prometheus_url}/api/v1/query", params={"query": expression}, timeout=5)
    except httpx.TransportError:
        return None
    if response.status_code != 200:
        return None
    result: list[dict[str, Any]] = response.json()["data"]["result"]
    return result or None


def test_prometheus_scrapes_the_api_with_the_deployed_job(prometheus_url: str) -> None:
    up = wait_until(
        lambda: _query(prometheus_url, f'up{{job="{API_JOB}"}} == 1'), "the API target up", seconds=60
    )
    assert up[0]["value"][1] == "1"
    memory = wait_until(
        lambda: _query(prometheus_url, "spacetime_memory_used_bytes"), "the memory series", seconds=30
    )
    assert memory[0]["metric"]["pid"].isdigit()
    requests = wait_until(
        lambda: _query(prometheus_url, 'sum(spacetime_http_requests_total{method="GET"})'),
        "the request counter",
        seconds=30,
    )
    assert float(requests[0]["value"][1]) >= 1
