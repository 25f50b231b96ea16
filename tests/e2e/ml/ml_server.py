"""The API as a real process with ML (the app factory of `composition`), which a test may SIGKILL."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

STARTUP_SECONDS = 120.0
APP_FACTORY = "tests.e2e.ml.composition:create_ml_app"
REPOSITORY = Path(__file__).resolve().parents[3]


@dataclass
class ServerProcess:
    process: subprocess.Popen[bytes]
    base_url: str
    log_path: Path

    def kill_hard(self) -> None:
        """SIGKILL: no shutdown, no lease released, no file closed; what a crash leaves."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def ml_server(database_url: str, workdir: Path, env: Mapping[str, str]) -> Iterator[ServerProcess]:
    """A uvicorn process over `database_url`, run in `workdir`, stopped (if still alive) afterwards."""
    port = _free_port()
    log_path = workdir / f"uvicorn-{port}.log"
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        APP_FACTORY,
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    # The repository goes on the path for the test package; cwd stays the test's folder so that no .env
    # file of the repository leaks into the server.
    python_path = os.pathsep.join(filter(None, [str(REPOSITORY), os.environ.get("PYTHONPATH")]))
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "PYTHONPATH": python_path,
        "PYTHONUNBUFFERED": "1",
        **env,
    }
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=workdir, env=environment, stdout=log, stderr=subprocess.STDOUT
        )
    server = ServerProcess(process, f"http://127.0.0.1:{port}", log_path)
    try:
        _wait_until_live(server)
        yield server
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_live(server: ServerProcess) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {server.process.returncode}:\n{server.log()}")
        try:
            if httpx.get(f"{server.base_url}/livez", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"uvicorn did not answer /livez within {STARTUP_SECONDS} s:\n{server.log()}")
