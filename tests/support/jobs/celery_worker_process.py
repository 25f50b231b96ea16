"""A `spacetime worker` process for the tests: the real entrypoint, configured by the environment like
any worker, with the test handlers in place of the service's (the container's `handlers` overridden).

    python -m tests.support.jobs.celery_worker_process READY_FILE POOL
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from dependency_injector import providers

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.entrypoints.worker.main import run_worker
from tests.support.jobs.handlers import EndlessHandler, FailingHandler, SumOfSquaresHandler
from tests.support.jobs.ledger_handler import LedgerHandler

if TYPE_CHECKING:
    from spacetime_service.application.jobs.handler import JobHandler


def main(ready_file: Path, pool: str) -> int:
    container = build_container()
    engine = create_database_engine(container.settings().database.url)
    handlers: dict[str, JobHandler] = {
        SumOfSquaresHandler.kind: SumOfSquaresHandler(),
        FailingHandler.kind: FailingHandler(),
        EndlessHandler.kind: EndlessHandler(),
        LedgerHandler.kind: LedgerHandler(engine),
    }
    container.jobs.handlers.override(providers.Dict(handlers))
    try:
        return run_worker(container, pool="solo" if pool == "solo" else "threads", on_ready=ready_file.touch)
    finally:
        engine.dispose()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2]))
