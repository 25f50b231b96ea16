"""Real worker processes for the tests, started from a clean folder and stopped by signal."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from collections.abc import Mapping

REPOSITORY_ROOT = Path(__file__).resolve().parents[3]
STARTUP_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class WorkerConfig:
    """The environment every worker of one test shares."""

    database_url: str
    broker_url: str
    queue: str
    workdir: Path
    lease_seconds: float = 10.0
    heartbeat_seconds: float = 1.0
    poll_seconds: float = 0.5
    # Further variables, such as OTEL_TRACES_EXPORTER, as (name, value) pairs.
    extra_environment: tuple[tuple[str, str], ...] = ()

    def environment(self, worker_id: str) -> Mapping[str, str]:
        return {
            **os.environ,
            "PYTHONPATH": str(REPOSITORY_ROOT),
            "DATABASE_URL": self.database_url,
            "SPACETIME_JOB_RUNNER": "celery",
            "SPACETIME_BROKER_URL": self.broker_url,
            "SPACETIME_JOB_QUEUE": self.queue,
            "SPACETIME_WORKER_ID": worker_id,
            "SPACETIME_LEASE_SECONDS": str(self.lease_seconds),
            "SPACETIME_HEARTBEAT_SECONDS": str(self.heartbeat_seconds),
            "SPACETIME_POLL_SECONDS": str(self.poll_seconds),
            "SPACETIME_LOG_FORMAT": "console",
            **dict(self.extra_environment),
        }


class WorkerProcess:
    """One `spacetime worker` process (tests/support/jobs/celery_worker_process.py)."""

    def __init__(self, config: WorkerConfig, worker_id: str, *, pool: str = "threads") -> None:
        self.worker_id = worker_id
        self._ready = config.workdir / f"{worker_id}.ready"
        self.log_path = config.workdir / f"{worker_id}.log"
        self._ready.unlink(missing_ok=True)
        command = [sys.executable, "-m", "tests.support.jobs.celery_worker_process", str(self._ready), pool]
        with self.log_path.open("ab") as log:
            # cwd is the test's folder, so that no .env file of the repository leaks into the worker.
            self._process = subprocess.Popen(
                command, cwd=config.workdir, env=dict(config.environment(worker_id)), stdout=log, stderr=log
            )

    def wait_until_ready(self) -> None:
        pause = threading.Event()
        for _ in range(int(STARTUP_SECONDS / 0.05)):
            if self._ready.exists():
                return
            if self._process.poll() is not None:
                break
            pause.wait(0.05)
        self.kill()
        pytest.fail(f"worker {self.worker_id} did not start:\n{self.log_path.read_text(errors='replace')}")

    def stop(self, timeout_seconds: float) -> int | None:
        """SIGTERM (a warm shutdown) and waits; the exit code, or None if it is still running."""
        if self._process.poll() is None:
            self._process.send_signal(signal.SIGTERM)
        try:
            return self._process.wait(timeout=timeout_seconds)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        """SIGKILL: the process dies at once, in the middle of whatever it was doing."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()
