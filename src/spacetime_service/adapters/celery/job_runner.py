"""The JobRunner of the API process when jobs run in Celery workers."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

import structlog

from spacetime_service.adapters.celery.app import RUN_JOB_TASK
from spacetime_service.adapters.celery.stranded_jobs import StrandedJobs
from spacetime_service.application.jobs.untraced import untraced

if TYPE_CHECKING:
    from spacetime_service.application.jobs.runner_settings import RunnerSettings
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository

_log = structlog.get_logger(__name__)


class CeleryJobRunner:
    """Hands jobs to Celery workers (`spacetime worker`); the workers claim, run and end them.

    `submit` sends a message that carries only the job id; a failed send is logged, not raised, since
    the job is already durable. `start` begins a sweep, at once and every `poll_seconds`, that sends
    stranded jobs again (see StrandedJobs): those whose lease expired, always, and those still queued
    when the broker's queue is empty (while messages wait, the queued jobs may well be theirs). One
    runner sends a job again at most once per `lease_seconds`; a duplicate message costs a worker one
    refused claim. `shutdown` ends the sweep: running jobs belong to the workers, which hand them back
    to the queue when they stop.
    """

    def __init__(self, app: Any, repository: JobRepository, clock: Clock, settings: RunnerSettings) -> None:
        self._app = app
        self._queue: str = app.conf.task_default_queue
        self._stranded = StrandedJobs(repository, clock)
        self._settings = settings
        self._sent: dict[str, float] = {}  # job id -> when this runner last sent it again (monotonic)
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._sweep_loop, name="jobs-sweep", daemon=True)
            self._thread.start()

    def submit(self, job_id: str) -> None:
        try:
            self._app.send_task(RUN_JOB_TASK, args=[job_id], queue=self._queue, serializer="json")
        except Exception:  # noqa: BLE001 - the job is durable; the sweep re-sends what the broker lost
            _log.exception("jobs.send_failed", job_id=job_id)

    def shutdown(self, timeout_seconds: float) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout_seconds)

    def sweep(self) -> list[str]:
        """Sends the stranded jobs again now; returns the ids it sent."""
        due = self._stranded.expired()
        if self._waiting_messages() == 0:
            due += self._stranded.queued()
        now = time.monotonic()
        self._sent = {
            job_id: at for job_id, at in self._sent.items() if now - at < self._settings.lease_seconds
        }
        sent = [job_id for job_id in dict.fromkeys(due) if job_id not in self._sent]
        for job_id in sent:
            self._sent[job_id] = now
            self.submit(job_id)
        return sent

    def _waiting_messages(self) -> int | None:
        """Messages waiting in the queue (not those reserved by workers); None when the broker is down."""
        try:
            with self._app.connection_for_write() as connection:
                declared = connection.default_channel.queue_declare(queue=self._queue, passive=False)
                return int(declared.message_count)
        except Exception:  # noqa: BLE001 - a depth figure is optional; the broker's error is logged
            _log.warning("jobs.queue_depth_unknown", queue=self._queue, exc_info=True)
            return None

    def _sweep_loop(self) -> None:
        while True:
            try:
                with untraced():  # a poll: its statements would start a trace every few seconds
                    self.sweep()
            except Exception:  # noqa: BLE001 - the sweeper must outlive one failed sweep
                _log.exception("jobs.sweep_failed")
            if self._stop.wait(self._settings.poll_seconds):
                return
