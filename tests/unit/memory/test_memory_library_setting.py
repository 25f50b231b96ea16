"""SPACETIME_MEMORY_LIBRARY=sqrtspace without the extra stops a process when its settings are read,
saying what to install. Checked in a fresh interpreter of this venv, where the library is not
installed (scripts/test keeps it out of the venv)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def test_the_library_setting_without_the_extra_says_what_to_install() -> None:
    # A fresh interpreter sees only the venv (the tests' own copy of the library is on this process's
    # path alone), so the check there is the one that matters.
    probe = "import importlib.util; print(importlib.util.find_spec('sqrtspace_spacetime') is None)"
    absent = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    if absent.stdout.strip() != "True":
        pytest.skip("sqrtspace-spacetime is installed in the venv; `uv sync --frozen` removes it")
    script = "from spacetime_service.bootstrap.memory_settings import MemorySettings; MemorySettings()"
    env = {**os.environ, "SPACETIME_MEMORY_LIBRARY": "sqrtspace"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode != 0
    assert "spacetime-service[sqrtspace]" in done.stderr
