"""Whether this process writes its samples for a multiprocess scrape (gunicorn with several workers)."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

MULTIPROC_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


def multiprocess_dir() -> str | None:
    """The directory every worker writes its samples to, or None in single-process mode.
    prometheus_client reads the same variable when it is first imported."""
    return os.environ.get(MULTIPROC_DIR_VARIABLE) or None


def start_multiprocess_mode() -> str:
    """Points PROMETHEUS_MULTIPROC_DIR at an empty directory (a fresh one when the variable is unset) for
    server processes started after this call, and returns it. Files of an earlier run would add old
    counts and the gauges of pids that no longer run. Call it in the parent before any server process
    starts; the parent's own figures stay its own."""
    directory = multiprocess_dir()
    if directory is None:
        directory = tempfile.mkdtemp(prefix="spacetime-prometheus-")
        os.environ[MULTIPROC_DIR_VARIABLE] = directory
    shutil.rmtree(directory, ignore_errors=True)
    Path(directory).mkdir(parents=True, exist_ok=True)
    return directory
