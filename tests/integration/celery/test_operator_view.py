"""A `spacetime worker` as operators see it: `celery -A ... inspect ping` finds it over the real Redis
broker, and a job it runs joins the trace of the code that submitted it, in spans it prints with
OTEL_TRACES_EXPORTER=console and in log lines that carry the trace id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.support.jobs.celery_workers import REPOSITORY_ROOT, WorkerConfig, WorkerProcess

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy import Engine

pytestmark = [pytest.mark.redis, pytest.mark.slow]

OPERATOR_APP = "spacetime_service.entrypoints.worker.celery_app"
WORKER_ID = "operated"


@pytest.fixture
def worker(sqlite_engine: Engine, redis_url: str, queue: str, tmp_path: Path) -> Iterator[WorkerProcess]:
    config = WorkerConfig(
        database_url=sqlite_engine.url.render_as_string(hide_password=False),
        broker_url=redis_url,
        queue=queue,
        workdir=tmp_path,
        poll_seconds=0.2,
        extra_environment=(
            ("OTEL_TRACES_EXPORTER", "console"),
            ("OTEL_SERVICE_NAME", "spacetime-worker"),
            ("SPACETIME_LOG_FORMAT", "json"),
        ),
    )
    process = WorkerProcess(config, WORKER_ID, pool="solo")
    process.wait_until_ready()
    yield process
    process.kill()


def test_celery_s_own_inspect_command_finds_the_worker(
    worker: WorkerProcess, redis_url: str, queue: str, tmp_path: Path
) -> None:
    environment = {
        **os.environ,
        "PYTHONPATH": str(REPOSITORY_ROOT),
        "SPACETIME_BROKER_URL": redis_url,
        "SPACETIME_JOB_QUEUE": queue,
    }
    command = [sys.executable, "-m", "celery", "-A", OPERATOR_APP, "inspect", "ping"]
    destination = ["--destination", f"spacetime@{WORKER_ID}", "--timeout", "10", "--json"]

    answer = subprocess.run(
        [*command, *destination], check=False, cwd=tmp_path, env=environment, capture_output=True, timeout=120
    )

    assert answer.returncode == 0, answer.stderr
    assert json.loads(answer.stdout) == {f"spacetime@{WORKER_ID}": {"ok": "pong"}}
