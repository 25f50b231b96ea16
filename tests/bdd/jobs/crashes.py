"""Worker processes that die in the middle of a job: no handler code sees the crash as an error,
nothing is released, and the lease simply stops being renewed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pytest
from dependency_injector import providers

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.reports.handler import ReportHandler
from spacetime_service.bootstrap.containers.root import RootContainer
from tests.support.job_driver import CrashingArtifacts, CrashingUnitsOfWork, SimulatedCrash

if TYPE_CHECKING:
    from tests.bdd.service_processes import ServiceProcesses

# Sets up, on a process that has run nothing yet, the fault that will kill it.
Crash = Callable[[RootContainer], None]


def die_in_worker(processes: ServiceProcesses, job_id: str, crash: Crash) -> None:
    """A new worker process claims the job and runs it the way a runner's thread does, until `crash`
    makes it die."""
    worker = processes.new()
    try:
        crash(worker)
        settings = worker.settings().jobs
        job = worker.jobs.repository().claim(
            settings.worker_id, worker.jobs.clock().now(), settings.lease_seconds, job_id=job_id
        )
        assert job is not None, "the worker could not claim the job"
        with pytest.raises(SimulatedCrash):
            worker.jobs.executor().run(job, AttemptControl(job.id, job.attempt))
    finally:
        worker.shutdown_resources()


def crash_at_commit(processes: ServiceProcesses, commit: int) -> Crash:
    """Bulk updates die at their `commit`-th commit, before it takes effect."""

    def crash(worker: RootContainer) -> None:
        units = CrashingUnitsOfWork(worker.bulk_updates.unit_of_work, commit, after_commit=False)
        processes.bulk_updates_through(worker, units)

    return crash


def crash_after_sync(sync: int) -> Crash:
    """Reports die right after their `sync`-th fsync of the partial file: those bytes are on disk, but
    the checkpoint that would cover them was never saved."""

    def crash(worker: RootContainer) -> None:
        storage = CrashingArtifacts(worker.reports.artifact_storage(), sync)
        worker.reports.report_handler.override(
            providers.Singleton(ReportHandler, worker.reports.unit_of_work.provider, storage, worker.clock)
        )

    return crash
