"""The one launcher of the service for tests: a real uvicorn process serving an app factory on a loopback
port, over a given database and environment, that a test can stop, kill -9 and start again.

`live_server` is the common case as a context manager: the base URL once /livez answers, and the
process stopped afterwards.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Self

import httpx

from tests.support.waiting import wait_until

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping
    from pathlib import Path
    from types import TracebackType

APP_FACTORY = "spacetime_service.entrypoints.http.app:create_app"
# Bounds, not measurements: a cold interpreter importing the app on a busy machine can take a while.
STARTUP_SECONDS = 120.0
STOP_SECONDS = 20.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def stop_process(process: subprocess.Popen[bytes]) -> int:
    """SIGTERM (a graceful shutdown) unless it has ended, then SIGKILL if it takes longer than
    STOP_SECONDS; its exit code."""
    if process.poll() is None:
        process.terminate()
    try:
        return process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()


class UvicornServer:
    """Serves `factory` on one loopback port (`port`, or a free one) over `database_url`; the log of every
    start goes to `log_path` in `workdir`, which is also the working directory, so that no .env file of
    the repository leaks into the server. `env` is added to this process's environment."""

    def __init__(
        self,
        database_url: str,
        workdir: Path,
        env: Mapping[str, str] | None = None,
        *,
        factory: str = APP_FACTORY,
        port: int | None = None,
    ) -> None:
        self._factory = factory
        self._workdir = workdir
        self._env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "SPACETIME_ARTIFACT_STORAGE": str(workdir / "artifacts"),
            **(env or {}),
        }
        self.port = port if port is not None else free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log_path = workdir / f"uvicorn-{self.port}.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> str:
        """Starts the process and returns the base URL once /livez answers."""
        command = [
            sys.executable, "-m", "uvicorn", self._factory, "--factory",
            "--host", "127.0.0.1", "--port", str(self.port), "--no-access-log",
        ]  # fmt: skip
        with self.log_path.open("ab") as log:
            self._process = subprocess.Popen(
                command, cwd=self._workdir, env=self._env, stdout=log, stderr=subprocess.STDOUT
            )
        self._wait_until_live(self._process)
        return self.base_url

    def kill(self) -> None:
        """SIGKILL: no lifespan shutdown, no lease released, no file closed."""
        if self._process is None:
            raise RuntimeError("the server is not running")
        self._process.send_signal(signal.SIGKILL)
        self._process.wait()
        self._process = None

    def stop(self) -> None:
        """SIGTERM (a graceful shutdown), then SIGKILL if it takes longer than STOP_SECONDS."""
        if self._process is None:
            return
        stop_process(self._process)
        self._process = None

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()

    def _wait_until_live(self, process: subprocess.Popen[bytes]) -> None:
        def live() -> bool | None:
            if process.poll() is not None:
                raise RuntimeError(f"uvicorn exited with {process.returncode}:\n{self.log()}")
            try:
                return httpx.get(f"{self.base_url}/livez", timeout=1.0).status_code == 200 or None
            except httpx.TransportError:
                return None

        try:
            wait_until(live, "uvicorn answering /livez", seconds=STARTUP_SECONDS)
        except AssertionError as error:
            self.stop()
            raise RuntimeError(f"{error}:\n{self.log()}") from None


@contextmanager
def live_server(database_url: str, workdir: Path, env: Mapping[str, str] | None = None) -> Iterator[str]:
    """The base URL of a started server; the server is stopped afterwards."""
    with UvicornServer(database_url, workdir, env) as server:
        yield server.base_url


@contextmanager
def served_command(
    command: list[str], *, port: int, workdir: Path, env: Mapping[str, str], log_path: Path
) -> Iterator[str]:
    """Runs a server `command` of the test's own making (`spacetime serve`, a bare uvicorn) that listens
    on 127.0.0.1:`port`, in `workdir` with `env`, its output in `log_path`; yields the base URL once
    /livez answers, and stops the process afterwards as UvicornServer.stop does."""
    base_url = f"http://127.0.0.1:{port}"
    with log_path.open("ab") as log:
        process = subprocess.Popen(command, cwd=workdir, env=dict(env), stdout=log, stderr=subprocess.STDOUT)

    def live() -> bool | None:
        if process.poll() is not None:
            raise RuntimeError(f"{command[2:4]} exited with {process.returncode}:\n{log_path.read_text()}")
        try:
            return httpx.get(f"{base_url}/livez", timeout=1.0).status_code == 200 or None
        except httpx.TransportError:
            return None

    try:
        wait_until(live, "the server answering /livez", seconds=STARTUP_SECONDS)
        yield base_url
    finally:
        stop_process(process)
