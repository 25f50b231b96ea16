"""A real Prometheus scrapes a real API and a real `spacetime worker` (the Celery runner on the real Redis)
with deploy/prometheus.yml's two jobs, their targets pointed at the test's API port and the worker's
metrics port (the worker job's DNS discovery of compose's `worker` replaced by that one target) and
their interval shortened: both targets are up, the service's series are stored with their labels, and
a PromQL query through Prometheus's HTTP API sees the job counters move once a job has run."""

from __future__ import annotations

import json
import subprocess
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
import yaml

from tests.support.binaries import required_binary
from tests.support.celery_deployment import SpacetimeWorker, celery_api, runner_environment
from tests.support.job_waiting import wait_for_end
from tests.support.jobs.celery_runner import celery_queue
from tests.support.seed import seed
from tests.support.uvicorn_server import free_port, stop_process
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator

pytestmark = pytest.mark.redis

DEPLOYED = Path(__file__).resolve().parents[3] / "deploy" / "prometheus.yml"
API_JOB = "spacetime-api"
WORKER_JOB = "spacetime-worker"
REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-03"}
FINISHED = 'sum(spacetime_jobs_finished_total{job="spacetime-worker",kind="report",outcome="succeeded"})'
SUBMITTED = 'sum(spacetime_jobs_submitted_total{job="spacetime-api",kind="report"})'


def _pointed_at(api_target: str, worker_target: str) -> dict[str, Any]:
    """The deployed configuration with its API and worker jobs only, aimed at the test's processes."""
    config: dict[str, Any] = yaml.safe_load(DEPLOYED.read_text())
    jobs = {job["job_name"]: job for job in config["scrape_configs"]}
    api, worker = jobs[API_JOB], jobs[WORKER_JOB]
    api["static_configs"] = [{"targets": [api_target]}]
    assert worker.pop("dns_sd_configs")[0]["port"] == 9100  # compose's worker port, here a free one
    worker["static_configs"] = [{"targets": [worker_target]}]
    config["global"]["scrape_interval"] = "1s"
    config["scrape_configs"] = [api, worker]
    return config


class Deployment:
    def __init__(self, api_url: str, prometheus_url: str) -> None:
        self.api_url = api_url
        self.prometheus_url = prometheus_url


@pytest.fixture(scope="module")
def deployment(tmp_path_factory: pytest.TempPathFactory, redis_url: str) -> Iterator[Deployment]:
    prometheus = required_binary("prometheus", "prometheus")
    workdir = tmp_path_factory.mktemp("prometheus")
    url = f"sqlite:///{workdir / 'scraped.db'}"
    seed(url, product_count=20, order_count=500)
    with celery_queue(redis_url) as queue:
        environment = runner_environment(redis_url, queue, SPACETIME_POLL_SECONDS="0.2")
        worker = SpacetimeWorker(url, workdir, "scraped", environment)
        try:
            with celery_api(url, workdir, environment) as api:
                config = workdir / "prometheus.yml"
                targets = (f"127.0.0.1:{api.port}", f"127.0.0.1:{worker.metrics_port}")
                config.write_text(yaml.safe_dump(_pointed_at(*targets)))
                address = f"127.0.0.1:{free_port()}"
                command = [
                    prometheus, f"--config.file={config}", f"--storage.tsdb.path={workdir / 'data'}",
                    f"--web.listen-address={address}",
                ]  # fmt: skip
                with (workdir / "prometheus.log").open("wb") as log:
                    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
                try:
                    yield Deployment(api.base_url, f"http://{address}")
                finally:
                    stop_process(process)
        finally:
            worker.stop()


def _answer(prometheus_url: str, expression: str) -> dict[str, Any] | None:
    """Prometheus's whole JSON answer to an instant query, or None while it is starting."""
    try:
        response = httpx.get(f"{prometheus_url}/api/v1/query", params={"query": expression}, timeout=5)
    except httpx.TransportError:
        return None
    if response.status_code != 200:
        return None
    answer: dict[str, Any] = response.json()
    return answer


def _query(prometheus_url: str, expression: str) -> list[dict[str, Any]] | None:
    """The query's series, or None while Prometheus is starting or has none yet."""
    answer = _answer(prometheus_url, expression)
    result: list[dict[str, Any]] = [] if answer is None else answer["data"]["result"]
    return result or None


def _both_targets_up(prometheus_url: str) -> None:
    for job in (API_JOB, WORKER_JOB):
        expression = f'up{{job="{job}"}} == 1'
        up = wait_until(partial(_query, prometheus_url, expression), f"the {job} target up", seconds=60)
        assert up[0]["value"][1] == "1"


def test_prometheus_scrapes_the_api_with_the_deployed_job(deployment: Deployment) -> None:
    prometheus_url = deployment.prometheus_url
    _both_targets_up(prometheus_url)
    memory = wait_until(
        lambda: _query(prometheus_url, f'spacetime_memory_used_bytes{{job="{API_JOB}"}}'),
        "the memory series",
        seconds=30,
    )
    assert memory[0]["metric"]["pid"].isdigit()
    requests = wait_until(
        lambda: _query(prometheus_url, 'sum(spacetime_http_requests_total{method="GET"})'),
        "the request counter",
        seconds=30,
    )
    assert float(requests[0]["value"][1]) >= 1


def test_a_promql_query_sees_the_job_counters_of_the_api_and_the_worker_move(deployment: Deployment) -> None:
    prometheus_url = deployment.prometheus_url
    _both_targets_up(prometheus_url)
    # Both targets have been scraped, and no report has run: neither counter has a sample yet.
    assert _query(prometheus_url, FINISHED) is None
    assert _query(prometheus_url, SUBMITTED) is None

    with httpx.Client(base_url=deployment.api_url, timeout=30) as client:
        submitted = client.post("/reports/generate", json=REPORT)
        assert submitted.status_code == 202, submitted.text
        assert wait_for_end(client, submitted.json()["id"])["status"] == "succeeded"

    def counted(expression: str) -> dict[str, Any] | None:
        answer = _answer(prometheus_url, expression)
        result = [] if answer is None else answer["data"]["result"]
        return answer if result and float(result[0]["value"][1]) == 1 else None

    finished = wait_until(lambda: counted(FINISHED), "the worker's finished job in Prometheus", seconds=60)
    print(f"\nGET /api/v1/query?query={FINISHED}\n{json.dumps(finished, indent=2)}")
    assert finished["status"] == "success"
    assert wait_until(lambda: counted(SUBMITTED), "the API's submitted job in Prometheus", seconds=60)
    rows = wait_until(
        lambda: _query(prometheus_url, f'spacetime_job_chunk_duration_seconds_count{{job="{WORKER_JOB}"}}'),
        "the worker's chunk histogram",
        seconds=60,
    )
    assert float(rows[0]["value"][1]) >= 1
