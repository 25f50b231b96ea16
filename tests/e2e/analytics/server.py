"""A real uvicorn process serving the app factory (see tests/e2e/http/live_server.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tests.e2e.http import live_server as service

REPOSITORY = Path(__file__).resolve().parents[3]


@contextmanager
def analytics_server(database_url: str, workdir: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """Yields the base URL once /livez answers; stops the server (SIGTERM, then SIGKILL) afterwards."""
    port = service._free_port()
    log_path = workdir / f"uvicorn-{port}.log"
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "spacetime_service.entrypoints.http.app:create_app",
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--no-access-log",
    ]
    environment = {**os.environ, "DATABASE_URL": database_url, "PYTHONPATH": str(REPOSITORY), **(env or {})}
    with log_path.open("wb") as log:
        server = subprocess.Popen(command, cwd=workdir, env=environment, stdout=log, stderr=subprocess.STDOUT)
    base_url = f"http://127.0.0.1:{port}"
    try:
        service._wait_until_live(server, base_url, log_path)
        yield base_url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
