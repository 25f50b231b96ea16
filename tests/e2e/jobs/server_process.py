"""A uvicorn process that a test can kill -9 and start again on the same port and database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path

import httpx

APP_FACTORY = "spacetime_service.entrypoints.http.app:create_app"
STARTUP_SECONDS = 90.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class ServerProcess:
    """Serves `factory` on one loopback port over `database_url`; logs go to `workdir`."""

    def __init__(
        self, database_url: str, workdir: Path, env: Mapping[str, str], factory: str = APP_FACTORY
    ) -> None:
        self._factory = factory
        self._workdir = workdir
        self._env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SPACETIME_ARTIFACT_STORAGE": str(workdir / "artifacts"),
            **env,
        }
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"server-{self.port}.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        command = [
            sys.executable, "-m", "uvicorn", self._factory, "--factory",
            "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log",
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            # cwd is the test's own folder, so that no .env file of the repository leaks into the server.
            self._process = subprocess.Popen(
                command, cwd=self._workdir, env=self._env, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_until_live()
        return self.base_url

    def kill(self) -> None:
        """SIGKILL: no lifespan shutdown, no lease released, no file closed."""
        process = self._require()
        process.send_signal(signal.SIGKILL)
        process.wait()
        self._process = None

    def stop(self) -> None:
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def _require(self) -> subprocess.Popen[bytes]:
        if self._process is None:
            raise RuntimeError("the server is not running")
        return self._process

    def _wait_until_live(self) -> None:
        process = self._require()
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {process.returncode}:\n{self.log_path.read_text()}")
            try:
                if httpx.get(f"{self.base_url}/livez", timeout=1.0).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"uvicorn did not answer within {STARTUP_SECONDS} s:\n{self.log_path.read_text()}")
