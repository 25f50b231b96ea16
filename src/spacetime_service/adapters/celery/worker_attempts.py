"""The attempts one worker process runs for the tasks Celery hands it.

A task carries a job id only. Its body claims that job (a fenced lease; None when the job is not
claimable: finished, cancelled, or leased by a live worker, which makes duplicate messages harmless)
and runs the attempt through the JobExecutor that every runner shares. One heartbeat thread renews the
leases of all running attempts. At shutdown every attempt is suspended: its handler stops at its next
chunk boundary and its job goes back to queued with its checkpoint, for any worker to resume; and
`JobHandedBack` tells the task to put its message back on the queue, so another worker resumes it now.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import structlog

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.attempt_host import AttemptHost
from spacetime_service.application.jobs.untraced import untraced
from spacetime_service.domain.jobs.status import JobStatus

if TYPE_CHECKING:
    from spacetime_service.application.jobs.executor import JobExecutor
    from spacetime_service.application.jobs.runner_settings import RunnerSettings
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job

_log = structlog.get_logger(__name__)


class JobHandedBack(Exception):  # noqa: N818 - it names what happened, as JobCancelled does
    """The worker is stopping: the job is queued (again) and its message must go back to the queue."""

    def __init__(self, job_id: str) -> None:
        super().__init__(f"job {job_id} was handed back to the queue")
        self.job_id = job_id


class WorkerAttempts(AttemptHost):
    """Claims and runs jobs by id on the calling thread (a Celery pool thread), under one heartbeat."""

    def __init__(
        self, repository: JobRepository, executor: JobExecutor, clock: Clock, settings: RunnerSettings
    ) -> None:
        super().__init__(repository, executor, clock, settings)
        # Reentrant: at shutdown `suspend_all` runs in a signal handler, on the main thread, which may
        # be inside `run` already when the worker pool is "solo".
        self._lock = threading.RLock()
        self._running: dict[str, AttemptControl] = {}
        self._stopping = False
        self._heartbeat_thread: threading.Thread | None = None

    @property
    def worker_id(self) -> str:
        return self._settings.worker_id

    def start(self) -> None:
        """Starts the heartbeat; call once, before the worker consumes messages."""
        if self._heartbeat_thread is None:
            self._heartbeat_thread = threading.Thread(
                target=self._heartbeat_loop, name="jobs-heartbeat", daemon=True
            )
            self._heartbeat_thread.start()

    def run(self, job_id: str) -> Job | None:
        """Claims job `job_id` and runs the attempt to its end; None when there was nothing to claim
        or the attempt was fenced. `JobHandedBack` when the worker is stopping, before the claim or
        during the attempt. Store errors are logged, not raised: the lease then expires and a resume
        sweep hands the job to another attempt."""
        with self._lock:
            if self._stopping:
                raise JobHandedBack(job_id)
        try:
            with untraced():  # the attempt traces itself; a refused claim of a duplicate leaves no trace
                job = self._repository.claim(
                    self._settings.worker_id,
                    self._clock.now(),
                    self._settings.lease_seconds,
                    job_id=job_id,
                    kinds=self._executor.kinds,
                )
            if job is None:
                return None
            ended = self._run_claimed(job)
        except Exception:  # noqa: BLE001 - the lease expires and another attempt resumes the job
            _log.exception("jobs.attempt_failed", job_id=job_id)
            return None
        if ended is not None and ended.status is JobStatus.QUEUED:
            raise JobHandedBack(job_id)
        return ended

    def suspend_all(self) -> None:
        """Stops claiming and asks every running handler to stop at its next chunk boundary."""
        with self._lock:
            self._stopping = True
            running = list(self._running.values())
        for control in running:
            control.suspend.set()

    def stop(self) -> None:
        """Ends the heartbeat; call after the worker's tasks have returned."""
        self._heartbeat_stop.set()
        if self._heartbeat_thread is not None:
            self._heartbeat_thread.join()

    def running_job_ids(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._running)

    def _run_claimed(self, job: Job) -> Job | None:
        control = AttemptControl(job.id, job.attempt)
        with self._lock:
            self._running[job.id] = control
            if self._stopping:
                control.suspend.set()  # claimed while the worker began to stop: hand it straight back
        try:
            return self._executor.run(job, control)
        finally:
            with self._lock:
                self._running.pop(job.id, None)

    def _running_controls(self) -> list[AttemptControl]:
        with self._lock:
            return list(self._running.values())
