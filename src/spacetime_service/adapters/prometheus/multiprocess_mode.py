"""Whether this process writes its samples for a multiprocess scrape (gunicorn with several workers)."""

from __future__ import annotations

import os

MULTIPROC_DIR_VARIABLE = "PROMETHEUS_MULTIPROC_DIR"


def multiprocess_dir() -> str | None:
    """The directory every worker writes its samples to, or None in single-process mode.
    prometheus_client reads the same variable when it is first imported."""
    return os.environ.get(MULTIPROC_DIR_VARIABLE) or None
