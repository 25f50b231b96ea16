"""Runs one job's attempts through the real JobExecutor, and makes an attempt die mid-way.

A `SimulatedCrash` is a BaseException, like the end of a process: no handler code sees it as a
failure, the job stays leased, and the next attempt claims it once the lease has expired.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Self

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.domain.jobs.eta import DEFAULT_HALF_LIFE_SECONDS
from spacetime_service.domain.jobs.job import Job, NewJob
from tests.support.forwarding_artifacts import ForwardingArtifacts, ForwardingWriter

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import TracebackType

    from spacetime_service.application.jobs.handler import JobHandler
    from spacetime_service.application.ports.artifact_storage import (
        ArtifactStorage,
        ArtifactWriter,
        PartialArtifact,
    )
    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.json_value import JsonObject
    from tests.fakes.jobs import FixedClock

LEASE_SECONDS = 60.0


class SimulatedCrash(BaseException):
    """The process died here."""


@dataclass
class JobDriver:
    repository: JobRepository
    clock: FixedClock
    handler: JobHandler
    kind: str
    eta_half_life_seconds: float = DEFAULT_HALF_LIFE_SECONDS

    def submit(self, request: JsonObject) -> str:
        new = NewJob(str(uuid.uuid4()), self.kind, "alice", None, request, self.clock.now())
        return self.repository.create(new).job.id

    def attempt(self, job_id: str) -> Job | None:
        """Claims the job (after any earlier lease has expired) and runs one attempt of it."""
        self.clock.advance(LEASE_SECONDS + 1)
        job = self.repository.claim("worker", self.clock.now(), LEASE_SECONDS, job_id=job_id)
        assert job is not None, "the job could not be claimed"
        executor = JobExecutor(
            self.repository,
            {self.kind: self.handler},
            self.clock,
            eta_half_life_seconds=self.eta_half_life_seconds,
        )
        return executor.run(job, AttemptControl(job.id, job.attempt))

    def stored(self, job_id: str) -> Job:
        job = self.repository.get(job_id)
        assert job is not None
        return job


class CrashingUnitsOfWork:
    """A factory of batch units of work whose `crash_at`-th commit dies, before or after it takes effect."""

    def __init__(self, factory: Callable[[], BatchUnitOfWork], crash_at: int, *, after_commit: bool) -> None:
        self._factory = factory
        self._crash_at = crash_at
        self._after_commit = after_commit
        self.commits = 0

    def __call__(self) -> BatchUnitOfWork:
        return _CrashingUnitOfWork(self, self._factory())

    def commit(self, inner: BatchUnitOfWork) -> None:
        self.commits += 1
        if self.commits == self._crash_at and not self._after_commit:
            raise SimulatedCrash
        inner.commit()
        if self.commits == self._crash_at:
            raise SimulatedCrash


class _CrashingUnitOfWork:
    def __init__(self, owner: CrashingUnitsOfWork, inner: BatchUnitOfWork) -> None:
        self._owner = owner
        self._inner = inner

    def __enter__(self) -> Self:
        self._inner.__enter__()
        self.product_updates = self._inner.product_updates
        self.product_upserts = self._inner.product_upserts
        self.order_statistics = self._inner.order_statistics
        self.jobs = self._inner.jobs
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._inner.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        self._owner.commit(self._inner)

    def rollback(self) -> None:
        self._inner.rollback()


class CrashingArtifacts(ForwardingArtifacts):
    """An ArtifactStorage whose writers die right after their `crash_at`-th sync (summed over writers):
    the bytes are on disk, but the checkpoint that would cover them was never saved."""

    def __init__(self, storage: ArtifactStorage, crash_at: int) -> None:
        super().__init__(storage)
        self._crash_at = crash_at
        self.syncs = 0

    def wrap(self, writer: ArtifactWriter) -> ArtifactWriter:
        return _CrashingWriter(self, writer)


class _CrashingWriter(ForwardingWriter):
    def __init__(self, owner: CrashingArtifacts, inner: ArtifactWriter) -> None:
        super().__init__(inner)
        self._owner = owner

    def sync(self) -> PartialArtifact:
        synced = self._inner.sync()
        self._owner.syncs += 1
        if self._owner.syncs == self._owner._crash_at:
            raise SimulatedCrash
        return synced
