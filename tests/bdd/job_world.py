"""The service as a succession of processes over one SQLite file and one artifact directory, for the
features whose jobs outlive a process: each process is a RootContainer of its own (a worker id, short
leases, frequent polls). A process may run its job runner, may die in the middle of a job, and a later
one resumes what it left."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from dependency_injector import providers
from pydantic import SecretStr

from spacetime_service.application.bulk_updates.handler import BulkUpdateHandler
from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.get_job import GetJobCommand
from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork
from spacetime_service.application.reports.handler import ReportHandler
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.import_settings import ImportSettings
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.bootstrap.memory_settings import MemorySettings
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings, StorageSettings
from spacetime_service.domain.jobs.job import Job
from tests.bdd.catalog_world import World
from tests.support.job_driver import CrashingArtifacts, CrashingUnitsOfWork, SimulatedCrash

# Waiting for a job is bounded by this deadline; nothing asserts how long it took.
DEADLINE_SECONDS = 60.0
# Short leases, so that a dead worker's job can be claimed again within seconds; heartbeats keep the
# leases of live workers well inside them.
LEASE_SECONDS = 2.0
HEARTBEAT_SECONDS = 0.25
POLL_SECONDS = 0.05


@dataclass
class ServiceProcesses:
    """Builds the processes of one scenario. With `chunk_rows`, bulk updates change that many products
    per chunk (the service's floor of 10 000 rows per chunk would make one chunk of a small catalog)."""

    database_url: str
    workdir: Path
    chunk_rows: int | None = None
    started: int = 0

    @property
    def artifacts(self) -> Path:
        return self.workdir / "artifacts"

    def new(self) -> RootContainer:
        """A process that has not started its runner yet (its resources start on first use)."""
        self.started += 1
        memory = MemorySettings(external_storage=self.workdir / "spill")
        if self.chunk_rows is not None:
            memory = MemorySettings(
                external_storage=self.workdir / "spill",
                chunk_strategy="fixed",
                fixed_chunk_rows=self.chunk_rows,
                min_chunk_rows=1,
            )
        settings = Settings(
            database=DatabaseSettings.model_validate({"DATABASE_URL": self.database_url}),
            api=ApiSettings(cursor_secret=SecretStr("feature-secret")),
            storage=StorageSettings(artifact_storage=self.artifacts),
            memory=memory,
            imports=ImportSettings(staging=self.workdir / "imports"),
            jobs=JobSettings(
                worker_id=f"bdd-process-{self.started}",
                lease_seconds=LEASE_SECONDS,
                heartbeat_seconds=HEARTBEAT_SECONDS,
                poll_seconds=POLL_SECONDS,
                shutdown_seconds=DEADLINE_SECONDS,
            ),
        )
        container = build_container(settings)
        if self.chunk_rows is not None:
            self.bulk_updates_through(container, container.reports.unit_of_work.provider)
        return container

    def bulk_updates_through(self, container: RootContainer, units: Callable[[], BatchUnitOfWork]) -> None:
        """Makes the process's bulk update handler open its units of work through `units`. Only before
        the process runs its first job: the executor keeps the handlers it was built with."""
        container.reports.bulk_update_handler.override(
            providers.Singleton(
                BulkUpdateHandler,
                units,
                container.memory.chunk_sizer,
                container.reports.clock,
                min_chunk_rows=1,
            )
        )


def job_of(container: RootContainer, job_id: str) -> Job:
    job: Job = container.jobs.get_job().execute(GetJobCommand(job_id))
    return job


def wait_for_end(container: RootContainer, job_id: str) -> Job:
    deadline = time.monotonic() + DEADLINE_SECONDS
    while time.monotonic() < deadline:
        job = job_of(container, job_id)
        if job.status.is_terminal:
            return job
        time.sleep(0.02)
    pytest.fail(f"job {job_id} did not end within {DEADLINE_SECONDS} s")


def wait_for_expired_lease(container: RootContainer, job_id: str) -> None:
    """Returns once the job's worker has stopped renewing its lease for a whole lease."""
    clock = container.jobs.clock()
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not job_of(container, job_id).is_claimable(clock.now()):
        assert time.monotonic() < deadline, f"the lease of job {job_id} never expired"
        time.sleep(0.05)


def die_in_worker(processes: ServiceProcesses, job_id: str, crash: Callable[[RootContainer], None]) -> None:
    """A worker process claims the job and runs it the way a runner's thread does, until `crash` (set up
    on the process before it runs anything) makes it die: no handler code sees the crash as an error,
    nothing is released, and the lease simply stops being renewed."""
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


def crash_at_commit(processes: ServiceProcesses, commit: int) -> Callable[[RootContainer], None]:
    """Bulk updates die at their `commit`-th commit, before it takes effect."""

    def crash(worker: RootContainer) -> None:
        units = CrashingUnitsOfWork(worker.reports.unit_of_work, commit, after_commit=False)
        processes.bulk_updates_through(worker, units)

    return crash


def crash_after_sync(sync: int) -> Callable[[RootContainer], None]:
    """Reports die right after their `sync`-th fsync of the partial file: those bytes are on disk, but
    the checkpoint that would cover them was never saved."""

    def crash(worker: RootContainer) -> None:
        storage = CrashingArtifacts(worker.reports.artifact_storage(), sync)
        worker.reports.report_handler.override(
            providers.Singleton(
                ReportHandler, worker.reports.unit_of_work.provider, storage, worker.reports.clock
            )
        )

    return crash


@dataclass
class HeldUnitsOfWork:
    """A factory of batch units of work that holds the `hold_at`-th one, before its transaction begins,
    until the scenario releases it. A bulk update opens one unit of work to count its targets and then
    one per chunk, so `hold_at=4` holds the worker as its third chunk begins."""

    factory: Callable[[], BatchUnitOfWork]
    hold_at: int
    opened: int = 0
    reached: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)

    def __call__(self) -> BatchUnitOfWork:
        self.opened += 1
        if self.opened == self.hold_at:
            self.reached.set()
            self.release.wait(DEADLINE_SECONDS)
        return self.factory()

    def wait_until_held(self) -> None:
        assert self.reached.wait(DEADLINE_SECONDS), "the worker never reached the held chunk"


def artifact_names(processes: ServiceProcesses) -> list[str]:
    return sorted(path.name for path in processes.artifacts.iterdir())


def process_world(processes: ServiceProcesses) -> Iterator[World]:
    """A World over the scenario's first process; whichever process is current at the end stops."""
    world = World(processes.new())
    try:
        yield world
    finally:
        world.container.shutdown_resources()
