"""In-memory fakes of the job ports; each passes its port's contract suite in tests/contracts/jobs/."""

from __future__ import annotations

import copy
import threading
import uuid
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from spacetime_service.application.ports.job_repository import JobCreation
from spacetime_service.domain.errors import Conflict, NotFound
from spacetime_service.domain.jobs import transitions
from spacetime_service.domain.jobs.errors import IllegalTransition, LeaseLost
from spacetime_service.domain.jobs.listing import JobPage, JobPosition, JobQuery

if TYPE_CHECKING:
    from collections.abc import Callable, Collection, Sequence

    from spacetime_service.domain.jobs.job import Job, NewJob
    from spacetime_service.domain.jobs.json_value import JsonObject
    from spacetime_service.domain.jobs.outcome import JobOutcome
    from spacetime_service.domain.jobs.progress import Progress

START = datetime(2025, 3, 1, 12, 0, 0, tzinfo=UTC)


class FixedClock:
    """A clock that stands still until a test moves it."""

    def __init__(self, start: datetime = START) -> None:
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> datetime:
        with self._lock:
            self._now += timedelta(seconds=seconds)
            return self._now


class SequentialIds:
    """UUIDs 00000000-0000-0000-0000-000000000001, ...2, and so on."""

    def __init__(self) -> None:
        self._next = 0
        self._lock = threading.Lock()

    def new_id(self) -> str:
        with self._lock:
            self._next += 1
            return str(uuid.UUID(int=self._next))


class RecordingJobRunner:
    """A JobRunner that only remembers what it was asked to run."""

    def __init__(self) -> None:
        self.submitted: list[str] = []

    def start(self) -> None:
        pass

    def submit(self, job_id: str) -> None:
        self.submitted.append(job_id)

    def shutdown(self, timeout_seconds: float) -> None:
        pass


class FakeJobRepository:
    """Applies the domain transitions under one lock, which makes each call atomic as a SQL update is."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}
        self._keys: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    def create(self, new_job: NewJob) -> JobCreation:
        with self._lock:
            if new_job.idempotency_key is not None:
                existing_id = self._keys.get((new_job.owner, new_job.idempotency_key))
                if existing_id is not None:
                    existing = self._jobs[existing_id]
                    if existing.request_hash != new_job.request_hash:
                        raise Conflict("this idempotency key was used for a different request")
                    return JobCreation(_detached(existing), created=False)
            if new_job.id in self._jobs:
                raise Conflict(f"a job with id {new_job.id} exists")
            job = _detached(new_job.to_job())
            self._jobs[job.id] = job
            if new_job.idempotency_key is not None:
                self._keys[(new_job.owner, new_job.idempotency_key)] = job.id
            return JobCreation(_detached(job), created=True)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else _detached(job)

    def find_by_idempotency_key(self, owner: str, key: str) -> Job | None:
        with self._lock:
            job_id = self._keys.get((owner, key))
            return None if job_id is None else _detached(self._jobs[job_id])

    def count_unfinished(self, owner: str) -> int:
        with self._lock:
            return sum(1 for job in self._jobs.values() if job.owner == owner and not job.status.is_terminal)

    def page(self, query: JobQuery) -> JobPage:
        with self._lock:
            jobs = sorted(self._jobs.values(), key=lambda job: (job.created_at, job.id), reverse=True)
        after = query.after
        selected = [job for job in jobs if query.matches(job) and (after is None or _older(job, after))]
        selected = selected[: query.limit]
        full = len(selected) == query.limit
        return JobPage([_detached(job) for job in selected], JobPosition.of(selected[-1]) if full else None)

    def claim(
        self,
        worker_id: str,
        now: datetime,
        lease_seconds: float,
        *,
        job_id: str | None = None,
        kinds: Collection[str] | None = None,
    ) -> Job | None:
        with self._lock:
            if job_id is not None:
                candidates = [self._jobs[job_id]] if job_id in self._jobs else []
            else:
                candidates = sorted(self._jobs.values(), key=lambda job: (job.created_at, job.id))
            for job in candidates:
                if job.is_claimable(now) and (kinds is None or job.kind in kinds):
                    return self._store(transitions.claimed(job, worker_id, now, lease_seconds))
            return None

    def heartbeat(self, job_id: str, attempt: int, now: datetime, lease_seconds: float) -> Job | None:
        return self._write(
            job_id, lambda job: transitions.heartbeat_extended(job, attempt, now, lease_seconds)
        )

    def record_attempt_trace(self, job_id: str, attempt: int, trace_parent: str) -> Job | None:
        return self._write(job_id, lambda job: transitions.attempt_traced(job, attempt, trace_parent))

    def record_progress(
        self,
        job_id: str,
        attempt: int,
        progress: Progress,
        *,
        eta_seconds: float | None,
        checkpoint: JsonObject | None,
        now: datetime,
    ) -> Job | None:
        return self._write(
            job_id,
            lambda job: transitions.progressed(
                job, attempt, progress, eta_seconds=eta_seconds, checkpoint=checkpoint, now=now
            ),
        )

    def finish(self, job_id: str, attempt: int, outcome: JobOutcome, now: datetime) -> Job | None:
        return self._write(job_id, lambda job: transitions.finished(job, attempt, outcome, now))

    def record_retry(self, job_id: str, attempt: int, error: str, now: datetime) -> Job | None:
        return self._write(job_id, lambda job: transitions.retried(job, attempt, error, now))

    def release(self, job_id: str, attempt: int, now: datetime) -> Job | None:
        return self._write(job_id, lambda job: transitions.released(job, attempt, now))

    def request_cancel(self, job_id: str, now: datetime) -> Job:
        with self._lock:
            if job_id not in self._jobs:
                raise NotFound(f"no job with id {job_id}")
            return self._store(transitions.cancel_requested(self._jobs[job_id], now))

    def list_expired(self, now: datetime, limit: int) -> Sequence[Job]:
        with self._lock:
            expired = [
                job
                for job in self._jobs.values()
                if job.status.is_leased and (job.lease is None or job.lease.expired(now))
            ]
        expired.sort(key=lambda job: (job.created_at, job.id))
        return [_detached(job) for job in expired[:limit]]

    def _write(self, job_id: str, change: Callable[[Job], Job]) -> Job | None:
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None:
                return None
            try:
                return self._store(change(job))
            except (LeaseLost, IllegalTransition):
                return None

    def _store(self, job: Job) -> Job:
        self._jobs[job.id] = _detached(job)
        return _detached(job)


def _older(job: Job, position: JobPosition) -> bool:
    return (job.created_at, job.id) < (position.created_at, position.id)


def _detached(job: Job) -> Job:
    """A copy whose JSON fields the caller cannot change in the store (or the store in the caller)."""
    return replace(job, request=copy.deepcopy(job.request), checkpoint=copy.deepcopy(job.checkpoint))
