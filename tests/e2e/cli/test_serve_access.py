"""The loopback rule at start-up, through real `spacetime serve` processes: without authentication it
refuses to listen beyond loopback and says what to set; with SPACETIME_AUTH_REQUIRED=true it serves
any address, and asks every caller for a credential. The same rule reaches gunicorn's workers through
deploy/gunicorn.conf.py."""

from __future__ import annotations

import os
import runpy
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import httpx
import pytest

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.entrypoints.cli.serve import NOT_CONFIGURED_EXIT_CODE
from tests.support.access import api_key, bearer
from tests.support.uvicorn_server import STARTUP_SECONDS, free_port, served_command

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

GUNICORN_CONFIG = Path(__file__).parents[3] / "deploy" / "gunicorn.conf.py"


def _serve(host: str, port: int) -> list[str]:
    return [sys.executable, "-m", "spacetime_service.entrypoints.cli.main", "serve", "--no-demo",
            "--host", host, "--port", str(port)]  # fmt: skip


def _env(tmp_path: Path, extra: Mapping[str, str]) -> dict[str, str]:
    """This process's environment without any authentication setting of its own, plus `extra`."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("SPACETIME_")}
    return {**env, "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}", **extra}


def test_without_authentication_it_refuses_to_listen_beyond_loopback(tmp_path: Path) -> None:
    port = free_port()
    finished = subprocess.run(
        _serve("0.0.0.0", port),
        cwd=tmp_path,
        env=_env(tmp_path, {}),
        capture_output=True,
        text=True,
        timeout=STARTUP_SECONDS,
        check=False,
    )

    assert finished.returncode == NOT_CONFIGURED_EXIT_CODE
    assert "0.0.0.0" in finished.stderr
    assert "SPACETIME_AUTH_REQUIRED=true" in finished.stderr
    assert not (tmp_path / "serve.db").exists()  # refused before it touched anything


@pytest.fixture
def served_everywhere(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """`spacetime serve` on 0.0.0.0 with SPACETIME_AUTH_REQUIRED=true; its loopback URL and a key."""
    env = _env(tmp_path, {"SPACETIME_AUTH_REQUIRED": "true", "SPACETIME_CURSOR_SECRET": "e2e-secret"})
    upgrade_to_head(env["DATABASE_URL"])
    engine = create_database_engine(env["DATABASE_URL"])
    try:
        key = api_key(engine, "e2e-serve")
    finally:
        engine.dispose()
    port = free_port()
    log_path = tmp_path / "serve.log"
    command = _serve("0.0.0.0", port)
    with served_command(command, port=port, workdir=tmp_path, env=env, log_path=log_path) as base_url:
        yield base_url, key


def test_with_auth_required_it_serves_any_address_to_callers_with_a_credential(
    served_everywhere: tuple[str, str],
) -> None:
    base_url, key = served_everywhere

    without = httpx.get(f"{base_url}/jobs", timeout=30)
    with_key = httpx.get(f"{base_url}/jobs", headers=bearer(key), timeout=30)

    assert without.status_code == 401
    assert with_key.status_code == 200


@pytest.mark.parametrize(
    ("bind", "host"), [("0.0.0.0:8000", "0.0.0.0"), ("[::1]:8000", "::1"), ("127.0.0.1:9000", "127.0.0.1")]
)
def test_gunicorn_s_workers_judge_the_address_gunicorn_binds(
    monkeypatch: pytest.MonkeyPatch, bind: str, host: str
) -> None:
    monkeypatch.setenv("GUNICORN_BIND", bind)
    monkeypatch.setenv("SPACETIME_HOST", "127.0.0.1")

    runpy.run_path(str(GUNICORN_CONFIG))

    assert os.environ["SPACETIME_HOST"] == host
