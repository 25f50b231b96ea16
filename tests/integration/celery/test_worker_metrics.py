"""A `spacetime worker` serves its own /metrics and /healthz on SPACETIME_WORKER_METRICS_PORT: the jobs it
runs move its figures, and the job records' census is left to the API (a worker would repeat it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import httpx
import pytest

from spacetime_service.adapters.celery.job_runner import CeleryJobRunner
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.adapters.system.id_generator import UuidIdGenerator
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from tests.support.jobs.celery_workers import WorkerConfig, WorkerProcess
from tests.support.jobs.handlers import SumOfSquaresHandler
from tests.support.jobs.runner_harness import WAIT_SECONDS
from tests.support.scrapes import Scrape
from tests.support.uvicorn_server import free_port
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine

pytestmark = [pytest.mark.redis]

KIND = SumOfSquaresHandler.kind
SUCCEEDED = {"kind": KIND, "outcome": "succeeded"}


@pytest.fixture
def api_runner(sqlite_engine: Engine, celery_app: Any) -> Iterator[CeleryJobRunner]:
    settings = RunnerSettings("api", lease_seconds=10, heartbeat_seconds=1, poll_seconds=0.2)
    runner = CeleryJobRunner(celery_app, SqlAlchemyJobRepository(sqlite_engine), SystemClock(), settings)
    runner.start()
    yield runner
    runner.shutdown(WAIT_SECONDS)


def test_a_worker_exposes_the_figures_of_the_jobs_it_runs(
    sqlite_engine: Engine, redis_url: str, queue: str, api_runner: CeleryJobRunner, tmp_path: Any
) -> None:
    port = free_port()
    config = WorkerConfig(
        database_url=sqlite_engine.url.render_as_string(hide_password=False),
        broker_url=redis_url,
        queue=queue,
        workdir=tmp_path,
        extra_environment=(
            ("SPACETIME_WORKER_METRICS_PORT", str(port)),
            ("SPACETIME_WORKER_METRICS_HOST", "127.0.0.1"),
        ),
    )
    worker = WorkerProcess(config, "metrics-worker")
    try:
        worker.wait_until_ready()
        base_url = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{base_url}/healthz", timeout=10).status_code == 200
        repository = SqlAlchemyJobRepository(sqlite_engine)
        submit = SubmitJob(repository, api_runner, SystemClock(), UuidIdGenerator(), {KIND})
        job = submit.execute(SubmitJobCommand(KIND, "alice", {"n": 12, "chunk": 5})).job

        def finished() -> Scrape | None:
            scrape = Scrape.of(f"{base_url}/metrics")
            return scrape if scrape.value("spacetime_jobs_finished_total", SUCCEEDED) == 1 else None

        scrape = wait_until(finished, f"the worker's figures of job {job.id}", seconds=60)
        assert scrape.value("spacetime_job_processed_rows_total", {"kind": KIND}) == 12
        assert scrape.value("spacetime_job_chunk_duration_seconds_count", {"kind": KIND}) == 3
        assert scrape.value("spacetime_memory_used_bytes") > 0
        assert "spacetime_jobs_queued" not in scrape.text
    finally:
        assert worker.stop(WAIT_SECONDS) == 0
