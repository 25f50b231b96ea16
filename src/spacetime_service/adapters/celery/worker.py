"""Runs a Celery worker that consumes the job queue in this process, until a signal stops it.

SIGTERM (or SIGINT) starts Celery's warm shutdown: it stops consuming and waits for the running tasks.
Before it waits, every running attempt is suspended, so its handler stops at its next chunk boundary
and its job goes back to queued with its checkpoint; the tasks then return, their messages are
acknowledged, and the process ends without losing work. SIGKILL loses nothing either: the job's lease
expires, and a sweep or the broker's redelivery hands it to another worker, which resumes it from its
last checkpoint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import structlog
from celery import signals

from spacetime_service.adapters.celery.run_job_task import register_run_job_task

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.adapters.celery.worker_attempts import WorkerAttempts

_log = structlog.get_logger(__name__)


def run_celery_worker(
    app: Any,
    attempts: WorkerAttempts,
    *,
    concurrency: int,
    pool: str = "threads",
    loglevel: str = "INFO",
    on_ready: Callable[[], None] | None = None,
) -> int:
    """Consumes `app`'s job queue with `concurrency` tasks at a time (threads by default: a task waits
    on the database most of its time) and returns the worker's exit code once it has stopped."""
    register_run_job_task(app, attempts)
    hostname = f"spacetime@{attempts.worker_id}"

    def suspend_attempts(**_: object) -> None:
        _log.info("worker.stopping", hostname=hostname)
        attempts.suspend_all()

    def ready(**_: object) -> None:
        _log.info("worker.ready", hostname=hostname, queue=app.conf.task_default_queue)
        if on_ready is not None:
            on_ready()

    signals.worker_shutting_down.connect(suspend_attempts, weak=False)
    signals.worker_ready.connect(ready, weak=False)
    attempts.start()
    try:
        worker = app.Worker(
            hostname=hostname,
            pool=pool,
            concurrency=concurrency,
            queues=[app.conf.task_default_queue],
            loglevel=loglevel,
            quiet=True,
            without_gossip=True,
            without_mingle=True,
            # Flower counts a worker online by its heartbeat events; they come with the task events.
            without_heartbeat=not app.conf.worker_send_task_events,
        )
        worker.start()
        return int(worker.exitcode or 0)
    finally:
        signals.worker_shutting_down.disconnect(suspend_attempts)
        signals.worker_ready.disconnect(ready)
        attempts.stop()
