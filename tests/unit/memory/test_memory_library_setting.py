"""SPACETIME_MEMORY_LIBRARY=sqrtspace without the extra stops a process when its settings are read,
saying what to install. Checked in a fresh interpreter of this venv, where the library is not
installed (scripts/test keeps it out of the venv)."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest


def test_the_library_setting_without_the_extra_says_what_to_install() -> None:
    if importlib.util.find_spec("sqrtspace_spacetime") is not None:
        pytest.skip("sqrtspace-spacetime is importable here; `uv sync --frozen` removes it from the venv")
    script = "from spacetime_service.bootstrap.memory_settings import MemorySettings; MemorySettings()"
    env = {**os.environ, "SPACETIME_MEMORY_LIBRARY": "sqrtspace"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode != 0
    assert "spacetime-service[sqrtspace]" in done.stderr
