"""Moves job records through their states the way a worker would, straight through the repository,
so that the HTTP faces of jobs can be watched without any handler running."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from spacetime_service.domain.jobs.job import Job, NewJob
from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.jobs.progress import Progress

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.json_value import JsonObject

# A kind no server registers a handler for, so that no runner ever claims these jobs itself.
DRIVEN_KIND = "driven_by_test"
LEASE_SECONDS = 600.0


class JobDriver:
    def __init__(self, repository: JobRepository, worker_id: str = "test-worker") -> None:
        self._repository = repository
        self._worker_id = worker_id
        self._created = 0

    def create(self, *, owner: str = "anonymous", kind: str = DRIVEN_KIND, key: str | None = None) -> Job:
        """A queued job; each one a second newer than the one before, so that listings have one order."""
        self._created += 1
        moment = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(seconds=self._created)
        new_job = NewJob(str(uuid.uuid4()), kind, owner, key, {"n": self._created}, moment)
        return self._repository.create(new_job).job

    def create_started(self, *, owner: str = "anonymous", kind: str = DRIVEN_KIND) -> Job:
        """A job created and leased by this driver at once: through a store that shares one transaction
        (a repository on a connection), no runner polling the same database ever sees it queued, so
        none can take a job of a kind it runs before this driver does."""
        return self.start(self.create(owner=owner, kind=kind))

    def start(self, job: Job) -> Job:
        claimed = self._repository.claim(self._worker_id, _now(), LEASE_SECONDS, job_id=job.id)
        assert claimed is not None, f"job {job.id} could not be claimed"
        return claimed

    def progress(
        self,
        job: Job,
        done: int,
        total: int | None,
        *,
        checkpoint: JsonObject | None = None,
        eta: float = 5.0,
    ) -> Job:
        changed = self._repository.record_progress(
            job.id,
            job.attempt,
            Progress(done, total, "rows"),
            eta_seconds=eta,
            checkpoint=checkpoint,
            now=_now(),
        )
        assert changed is not None, f"job {job.id} refused progress"
        return changed

    def succeed(self, job: Job, result_ref: str | None = None) -> Job:
        return self._end(job, JobOutcome.succeeded(result_ref))

    def fail(self, job: Job, error: str) -> Job:
        return self._end(job, JobOutcome.failed(error))

    def cancelled(self, job: Job) -> Job:
        """A running job asked to cancel, which then stops at its chunk boundary."""
        self._repository.request_cancel(job.id, _now())
        return self._end(job, JobOutcome.cancelled())

    def _end(self, job: Job, outcome: JobOutcome) -> Job:
        ended = self._repository.finish(job.id, job.attempt, outcome, _now())
        assert ended is not None, f"job {job.id} refused to end"
        return ended


def _now() -> datetime:
    return datetime.now(UTC)
