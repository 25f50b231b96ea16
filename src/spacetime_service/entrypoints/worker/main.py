"""`spacetime worker`: a process that runs jobs which the Celery runner queued.

It builds the same container as the API from the same settings (so it has the same handlers and
database, where the job records and their checkpoints live), starts the Celery runner's sweep (which
sends stranded jobs again, so that the jobs of a dead worker resume even while no API process runs),
and consumes the job queue until SIGTERM or SIGINT. Jobs still running then go back to the queue at
their next chunk boundary, and the process ends with the worker's exit code. With
SPACETIME_WORKER_METRICS_PORT set it serves its own /metrics and /healthz on that port meanwhile.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Literal

from pydantic import ValidationError

from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.logging import configure_logging
from spacetime_service.bootstrap.metrics import serve_worker_metrics
from spacetime_service.bootstrap.settings_errors import INVALID_SETTINGS_EXIT_CODE, invalid_settings_line
from spacetime_service.bootstrap.telemetry import configure_tracing

WorkerPool = Literal["threads", "solo"]
# The exit code when the settings do not ask for the Celery runner (as for a usage error).
MISCONFIGURED = 2


def run_worker(
    container: RootContainer | None = None,
    *,
    concurrency: int | None = None,
    pool: WorkerPool = "threads",
    on_ready: Callable[[], None] | None = None,
) -> int:
    """Runs the worker until it is told to stop; returns the process's exit code. `concurrency`
    defaults to SPACETIME_MAX_CONCURRENT_JOBS; the "solo" pool runs one job at a time."""
    try:
        container = container or build_container()
    except ValidationError as error:
        sys.stderr.write(invalid_settings_line(error) + "\n")
        return INVALID_SETTINGS_EXIT_CODE
    settings = container.settings()
    if settings.jobs.job_runner != "celery":
        sys.stderr.write("spacetime worker: set SPACETIME_JOB_RUNNER=celery to run a worker\n")
        return MISCONFIGURED
    configure_logging(settings.observability)
    configure_tracing(settings.observability)
    port = settings.jobs.worker_metrics_port
    metrics = (
        None if port is None else serve_worker_metrics(container, settings.jobs.worker_metrics_host, port)
    )
    try:
        container.jobs.running_runner()  # the sweep; shutting the resources down stops it
        container.memory.orphaned_spill_sweep()  # what crashed workers of this host left on disk
        container.imports.orphaned_upload_sweep()
        exit_code: int = container.jobs.celery_worker(
            concurrency=1 if pool == "solo" else concurrency or settings.jobs.max_concurrent_jobs,
            pool=pool,
            loglevel=settings.observability.log_level,
            on_ready=on_ready,
        )
        return exit_code
    finally:
        container.shutdown_resources()
        if metrics is not None:
            metrics.stop()
