"""`spacetime worker`: runs the jobs that the Celery runner queued, until SIGTERM or Ctrl-C."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from spacetime_service.entrypoints.worker.main import WorkerPool


class Pool(StrEnum):
    THREADS = "threads"
    SOLO = "solo"


def worker_command(
    ctx: typer.Context,
    *,
    concurrency: Annotated[
        int | None, typer.Option(min=1, help="jobs at a time (default: SPACETIME_MAX_CONCURRENT_JOBS)")
    ] = None,
    pool: Annotated[Pool, typer.Option(help="solo runs one job at a time")] = Pool.THREADS,
) -> None:
    """Takes jobs from the broker at SPACETIME_BROKER_URL (needs SPACETIME_JOB_RUNNER=celery). On
    SIGTERM or Ctrl-C, running jobs go back to the queue at their next chunk boundary."""
    # A container instance is a DynamicContainer, never an instance of its declarative class.
    container: RootContainer | None = ctx.obj
    # Imported here, like the container: `spacetime --help` need not load every adapter.
    from spacetime_service.entrypoints.worker.main import run_worker

    chosen: WorkerPool = "solo" if pool is Pool.SOLO else "threads"
    raise typer.Exit(run_worker(container, concurrency=concurrency, pool=chosen))
