"""The default runner: worker threads inside the service's own process.

A dispatcher thread claims jobs from the repository while fewer than `max_concurrent_jobs` run here:
at start-up (which resumes jobs left queued or with an expired lease by a process that died), after
every submission and job end, and every `poll_seconds`. Each claimed job runs in its own thread
through the JobExecutor; one heartbeat thread renews the leases of all of them.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

import structlog

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.attempt_host import AttemptHost
from spacetime_service.application.jobs.untraced import untraced

if TYPE_CHECKING:
    from spacetime_service.application.jobs.executor import JobExecutor
    from spacetime_service.application.jobs.runner_settings import RunnerSettings
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job

_log = structlog.get_logger(__name__)


class InProcessJobRunner(AttemptHost):
    """A JobRunner on threads; `submit` only wakes the dispatcher, since the job is already durable."""

    def __init__(
        self, repository: JobRepository, executor: JobExecutor, clock: Clock, settings: RunnerSettings
    ) -> None:
        super().__init__(repository, executor, clock, settings)
        self._lock = threading.Lock()
        self._running: dict[str, tuple[AttemptControl, threading.Thread]] = {}
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        if self._threads:
            return
        self._wake.set()  # the first round claims whatever earlier processes left behind
        self._threads = [
            threading.Thread(target=self._dispatch_loop, name="jobs-dispatcher", daemon=True),
            threading.Thread(target=self._heartbeat_loop, name="jobs-heartbeat", daemon=True),
        ]
        for thread in self._threads:
            thread.start()

    def submit(self, job_id: str) -> None:  # noqa: ARG002 - the job is durable; the dispatcher claims it
        self._wake.set()

    def shutdown(self, timeout_seconds: float) -> None:
        deadline = time.monotonic() + timeout_seconds
        self._stopping.set()
        self._wake.set()
        if self._threads:
            self._threads[0].join(_left(deadline))  # no job is launched after the dispatcher ends
        with self._lock:
            running = list(self._running.values())
        for control, _ in running:
            control.suspend.set()
        for _, thread in running:
            thread.join(_left(deadline))
        # Leases are renewed until every handler has stopped, so none expires during a shutdown.
        self._heartbeat_stop.set()
        if self._threads:
            self._threads[1].join(_left(deadline))

    def running_job_ids(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._running)

    def _dispatch_loop(self) -> None:
        while not self._stopping.is_set():
            self._wake.wait(self._settings.poll_seconds)
            self._wake.clear()
            try:
                with untraced():  # a poll; each claimed attempt traces itself on its own thread
                    self._claim_while_free()
            except Exception:  # noqa: BLE001 - the dispatcher must outlive one failed claim
                _log.exception("jobs.claim_failed")

    def _claim_while_free(self) -> None:
        while not self._stopping.is_set():
            with self._lock:
                if len(self._running) >= self._settings.max_concurrent_jobs:
                    return
            job = self._repository.claim(
                self._settings.worker_id,
                self._clock.now(),
                self._settings.lease_seconds,
                kinds=self._executor.kinds,
            )
            if job is None:
                return
            self._launch(job)

    def _launch(self, job: Job) -> None:
        control = AttemptControl(job.id, job.attempt)
        thread = threading.Thread(target=self._work, args=(job, control), name=f"job-{job.id}", daemon=True)
        with self._lock:
            self._running[job.id] = (control, thread)
        thread.start()

    def _work(self, job: Job, control: AttemptControl) -> None:
        try:
            self._executor.run(job, control)
        except Exception:  # noqa: BLE001 - see below
            # The store failed while ending the job; its lease expires and another attempt resumes it.
            _log.exception("jobs.attempt_failed", job_id=job.id, attempt=job.attempt)
        finally:
            with self._lock:
                self._running.pop(job.id, None)
            self._wake.set()

    def _running_controls(self) -> list[AttemptControl]:
        with self._lock:
            return [control for control, _ in self._running.values()]


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())
