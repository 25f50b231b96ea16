"""The wheel, installed with the optional `sqrtspace` extra into a fresh venv, the documented way: its
`spacetime` command is the service's, its migrations run from the wheel, and the setting selects the
library's chunk rule.

The library's wheel declares a `spacetime` console script of its own (pointing at a module it does not
ship). uv writes it after the service's, so the documented install reinstalls the service last. The
venv is made offline from uv's cache, at the lock file's versions (scripts/test fills the cache)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from typing import TYPE_CHECKING

import pytest

from tests.support.test_artifacts import ROOT, built_wheel

if TYPE_CHECKING:
    from pathlib import Path

SERVICE_HELP = "Answers questions about large product catalogs"


def _uv() -> str:
    found = shutil.which("uv")
    if found is None:
        pytest.fail("uv is not on PATH; scripts/test installs it", pytrace=False)
    return found


def _run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> str:
    done = subprocess.run(args, capture_output=True, text=True, env=env, cwd=cwd, check=False, timeout=300)
    assert done.returncode == 0, f"{' '.join(args)}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    wheel = built_wheel()
    home = tmp_path_factory.mktemp("wheel-venv")
    requirements = home / "requirements.txt"
    requirements.write_text(
        _run(
            _uv(),
            "export",
            "--frozen",
            "--quiet",
            "--extra",
            "sqrtspace",
            "--no-dev",
            "--no-emit-project",
            "--no-hashes",
            cwd=ROOT,
        )
    )
    venv = home / "venv"
    python = f"{sys.version_info.major}.{sys.version_info.minor}"
    _run(_uv(), "venv", "--quiet", "--python", python, str(venv))
    env = {**os.environ, "VIRTUAL_ENV": str(venv)}
    install = [_uv(), "pip", "install", "--quiet", "--offline", "--no-deps"]
    _run(*install, "-r", str(requirements), str(wheel), env=env)
    # The documented step: the service's package installed last, so that `spacetime` is its command.
    _run(*install, "--reinstall-package", "spacetime-service", str(wheel), env=env)
    return venv


def test_spacetime_is_the_services_command(venv: Path) -> None:
    assert SERVICE_HELP in _run(str(venv / "bin" / "spacetime"), "--help")


def test_migrations_run_from_the_installed_wheel(venv: Path, tmp_path: Path) -> None:
    database = tmp_path / "wheel.db"
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{database}"}
    _run(str(venv / "bin" / "spacetime"), "migrate", env=env, cwd=tmp_path)
    with sqlite3.connect(database) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"products", "orders", "jobs", "alembic_version"} <= tables


def test_the_setting_selects_the_librarys_chunk_rule(venv: Path, tmp_path: Path) -> None:
    script = (
        "from spacetime_service.bootstrap.containers.root import build_container; "
        "sizer = build_container().memory.chunk_sizer(); "
        "print(type(sizer).__name__, sizer.rows_per_chunk(10**6, 100))"
    )
    env = {
        **os.environ,
        "SPACETIME_MEMORY_LIBRARY": "sqrtspace",
        "SPACETIME_EXTERNAL_STORAGE": str(tmp_path / "spill"),
    }
    assert _run(str(venv / "bin" / "python"), "-c", script, env=env, cwd=tmp_path).split() == [
        "LibraryChunkSizer",
        "1000",
    ]
