"""Port: where job records live. Every method is one atomic conditional update (or one read).

The rules each write follows are `spacetime_service.domain.jobs.transitions`; an adapter applies them
as a single statement (`UPDATE ... WHERE id = :id AND attempt = :attempt AND status IN (...)`), so two
workers racing for a job can never both succeed. Writes that carry an attempt are fenced: they are
refused (None) unless the record is leased (running or cancelling) at exactly that attempt.
Times are timezone-aware; a store gives back what it was given, to the second at least.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence
    from datetime import datetime

    from spacetime_service.domain.jobs.job import Job, NewJob
    from spacetime_service.domain.jobs.json_value import JsonObject
    from spacetime_service.domain.jobs.listing import JobPage, JobQuery
    from spacetime_service.domain.jobs.outcome import JobOutcome
    from spacetime_service.domain.jobs.progress import Progress


@dataclass(frozen=True, slots=True)
class JobCreation:
    """The stored job, and whether this call created it (False: an idempotent repeat)."""

    job: Job
    created: bool


@runtime_checkable
class JobRepository(Protocol):
    def create(self, new_job: NewJob) -> JobCreation:
        """Stores `new_job.to_job()`, unless the owner already has a job with this idempotency key:
        then that job is returned (created=False) if its request hash is the same, and `Conflict` is
        raised if it differs. Jobs without a key are always created. An id already in use is `Conflict`."""

    def get(self, job_id: str) -> Job | None:
        """The job with this id, or None."""

    def find_by_idempotency_key(self, owner: str, key: str) -> Job | None:
        """The owner's job submitted with `key` (at most one: keys are unique per owner), whatever its
        kind, age or status; None when the owner never used the key. One indexed lookup."""

    def count_unfinished(self, owner: str) -> int:
        """How many of the owner's jobs are not finished: queued, running or cancelling (a cancelling
        job still holds its runner until its next chunk boundary). Finished jobs never count."""

    def page(self, query: JobQuery) -> JobPage:
        """Matching jobs newest first by (created_at, id), strictly after `query.after`, at most
        `query.limit`; `next_position` is the last item's position when the page is full, else None."""

    def claim(
        self,
        worker_id: str,
        now: datetime,
        lease_seconds: float,
        *,
        job_id: str | None = None,
        kinds: Collection[str] | None = None,
    ) -> Job | None:
        """Takes the lease of job `job_id`, or of the oldest claimable job (by created_at, id) among
        `kinds` (any kind when None), if it is queued or leased with an expired lease (expires_at <= now).
        The attempt is incremented; queued and running become running, cancelling stays cancelling;
        started_at is set on the first claim. Returns the claimed job, or None when nothing was claimable."""

    def heartbeat(self, job_id: str, attempt: int, now: datetime, lease_seconds: float) -> Job | None:
        """Extends the lease to now + lease_seconds and sets heartbeat_at; does not change the version.
        Fenced; the returned job shows whether a cancel was requested meanwhile."""

    def record_attempt_trace(self, job_id: str, attempt: int, trace_parent: str) -> Job | None:
        """Stores the trace context of the running attempt (`attempt_trace_parent`), so that the next
        attempt can link to it; like a heartbeat, it does not change the version. Fenced."""

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
        """Stores progress and ETA, and the checkpoint unless it is None (then the last one stays).
        Fenced; the returned job's status tells the worker whether a cancel was requested."""

    def finish(self, job_id: str, attempt: int, outcome: JobOutcome, now: datetime) -> Job | None:
        """Ends the job with the outcome's status, result or error; drops the lease, sets finished_at;
        drops the checkpoint when the job succeeded (and keeps it otherwise, for inspection).
        Fenced, and refused when the status machine forbids the change (cancelled only from cancelling)."""

    def record_retry(self, job_id: str, attempt: int, error: str, now: datetime) -> Job | None:
        """Counts one retry after a transient fault: `retries` + 1 and `retry_error` = `error` (at
        most `MAX_ERROR_LENGTH` characters), with a new version. Fenced; the returned job carries the
        checkpoint and progress the retry resumes from, and whether a cancel was requested."""

    def release(self, job_id: str, attempt: int, now: datetime) -> Job | None:
        """A running job goes back to queued without a lease, keeping attempt and checkpoint, so that
        the next claim resumes it at once (graceful shutdown). Fenced; refused unless running."""

    def request_cancel(self, job_id: str, now: datetime) -> Job:
        """Queued becomes cancelled at once (finished_at = now); running becomes cancelling; a job in
        any other status is returned unchanged. `NotFound` when there is no such job."""

    def list_expired(self, now: datetime, limit: int) -> Sequence[Job]:
        """Up to `limit` leased (running or cancelling) jobs whose lease expired, oldest first."""
