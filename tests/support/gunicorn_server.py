"""The production server for tests: gunicorn with deploy/gunicorn.conf.py and several uvicorn workers,
on a loopback port, over a given database. Stopped with SIGTERM (then SIGKILL) afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import psutil

from tests.support.uvicorn_server import STARTUP_SECONDS, free_port, stop_process
from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

CONFIG = Path(__file__).resolve().parents[2] / "deploy" / "gunicorn.conf.py"


class GunicornServer:
    def __init__(self, base_url: str, process: subprocess.Popen[bytes]) -> None:
        self.base_url = base_url
        self._process = process

    def worker_pids(self) -> set[int]:
        return {child.pid for child in psutil.Process(self._process.pid).children()}


@contextmanager
def gunicorn_server(
    database_url: str, workdir: Path, *, workers: int, env: Mapping[str, str] | None = None
) -> Iterator[GunicornServer]:
    port = free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SPACETIME_ARTIFACT_STORAGE": str(workdir / "artifacts"),
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        **(env or {}),
    }
    log_path = workdir / f"gunicorn-{port}.log"
    command = [sys.executable, "-m", "gunicorn", "-c", str(CONFIG)]
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            command, cwd=workdir, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    server = GunicornServer(f"http://127.0.0.1:{port}", process)
    try:
        wait_until(
            lambda: _all_live(server, process, workers, log_path),
            "gunicorn's workers",
            seconds=STARTUP_SECONDS,
        )
        yield server
    finally:
        stop_process(process)


def _all_live(
    server: GunicornServer, process: subprocess.Popen[bytes], workers: int, log: Path
) -> bool | None:
    if process.poll() is not None:
        raise RuntimeError(f"gunicorn exited with {process.returncode}:\n{log.read_text(errors='replace')}")
    if len(server.worker_pids()) < workers:
        return None
    try:
        return httpx.get(f"{server.base_url}/livez", timeout=1.0).status_code == 200 or None
    except httpx.TransportError:
        return None
