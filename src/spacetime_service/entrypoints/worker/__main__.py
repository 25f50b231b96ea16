"""`python -m spacetime_service.entrypoints.worker`: the worker without the CLI."""

from __future__ import annotations

import sys

from spacetime_service.entrypoints.worker.main import run_worker

if __name__ == "__main__":
    sys.exit(run_worker())
