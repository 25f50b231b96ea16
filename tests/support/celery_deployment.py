"""The API and its workers as deployed with the Celery runner, for end-to-end tests: a real uvicorn with
SPACETIME_JOB_RUNNER=celery, and real `spacetime worker` processes (the CLI entrypoint, the service's
own handlers) on a queue of the test's own on the real Redis, each serving its metrics port.

A worker is ready once its /healthz answers 200 (the database and the broker answer); a message sent
before its consumer subscribes waits in the queue, so nothing is lost in between.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import httpx

from tests.support.uvicorn_server import STARTUP_SECONDS, UvicornServer, free_port, stop_process
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Mapping

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]
CLI_MODULE = "spacetime_service.entrypoints.cli.main"


def runner_environment(broker_url: str, queue: str, **settings: str) -> dict[str, str]:
    """What the API and the workers of one deployment share: the runner, the broker and the queue."""
    return {
        "SPACETIME_JOB_RUNNER": "celery",
        "SPACETIME_BROKER_URL": broker_url,
        "SPACETIME_JOB_QUEUE": queue,
        **settings,
    }


def celery_api(database_url: str, workdir: Path, environment: Mapping[str, str]) -> UvicornServer:
    """The API with the Celery runner: it sends submitted jobs to the queue and sweeps stranded ones."""
    return UvicornServer(database_url, workdir, {"OTEL_SERVICE_NAME": "spacetime-service", **environment})


class SpacetimeWorker:
    """One `spacetime worker --pool threads` process; its output (spans with OTEL_TRACES_EXPORTER=console
    on stdout, log lines on stderr) goes to `log_path`."""

    def __init__(
        self, database_url: str, workdir: Path, worker_id: str, environment: Mapping[str, str]
    ) -> None:
        self.worker_id = worker_id
        self.metrics_port = free_port()
        self.metrics_url = f"http://127.0.0.1:{self.metrics_port}"
        self.log_path = workdir / f"worker-{worker_id}.log"
        env = {
            **os.environ,
            "PYTHONPATH": str(REPOSITORY_ROOT),
            "DATABASE_URL": database_url,
            "SPACETIME_WORKER_ID": worker_id,
            "SPACETIME_WORKER_METRICS_PORT": str(self.metrics_port),
            "SPACETIME_WORKER_METRICS_HOST": "127.0.0.1",
            "SPACETIME_ARTIFACT_STORAGE": str(workdir / "artifacts"),
            "OTEL_SERVICE_NAME": "spacetime-worker",
            **environment,
        }
        command = [sys.executable, "-m", CLI_MODULE, "worker", "--pool", "threads"]
        with self.log_path.open("ab") as log:
            # cwd is the test's folder, so that no .env file of the repository leaks into the worker.
            self._process = subprocess.Popen(command, cwd=workdir, env=env, stdout=log, stderr=log)
        try:
            wait_until(self._healthy, f"worker {worker_id} answering /healthz", seconds=STARTUP_SECONDS)
        except BaseException:
            self.kill()
            raise

    def _healthy(self) -> bool | None:
        if self._process.poll() is not None:
            raise RuntimeError(
                f"worker {self.worker_id} exited with {self._process.returncode}:\n{self.log()}"
            )
        try:
            return httpx.get(f"{self.metrics_url}/healthz", timeout=1.0).status_code == 200 or None
        except httpx.TransportError:
            return None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def freeze(self) -> None:
        """SIGSTOP: the process does nothing more until it is killed, so what the database shows now is
        what it leaves behind."""
        self._process.send_signal(signal.SIGSTOP)

    def kill(self) -> None:
        """SIGKILL: no span ended, no lease released."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()

    def stop(self) -> int:
        """A warm shutdown as stop_process makes it; the exit code."""
        return stop_process(self._process)
