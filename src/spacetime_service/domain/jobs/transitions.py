"""Every change a job record undergoes, as pure functions from one state to the next.

A store applies each as one atomic conditional update; these functions are the rules it must follow.
Each raises `LeaseLost` when the writer's attempt is not the record's (or the job is not leased), and
`IllegalTransition` when the status machine forbids the change. All bump `version` and `updated_at`
except the heartbeat, which only extends the lease, and the attempt's trace context, which no client
sees change.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from spacetime_service.domain.jobs.errors import IllegalTransition, LeaseLost
from spacetime_service.domain.jobs.job import require_trace_parent
from spacetime_service.domain.jobs.lease import Lease, new_lease
from spacetime_service.domain.jobs.outcome import MAX_ERROR_LENGTH
from spacetime_service.domain.jobs.status import JobStatus, require_transition

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.domain.jobs.json_value import JsonObject
    from spacetime_service.domain.jobs.outcome import JobOutcome
    from spacetime_service.domain.jobs.progress import Progress


def claimed(job: Job, worker_id: str, now: datetime, lease_seconds: float) -> Job:
    """A new attempt takes the lease. A cancelling job stays cancelling, so its claimer only ends it."""
    if not job.is_claimable(now):
        raise IllegalTransition(f"job {job.id} is {job.status} and not claimable now")
    status = JobStatus.CANCELLING if job.status is JobStatus.CANCELLING else JobStatus.RUNNING
    lease = new_lease(worker_id, now, lease_seconds)
    started_at = job.started_at or now
    taken = replace(job, status=status, attempt=job.attempt + 1, lease=lease, started_at=started_at)
    return _bumped(taken, now)


def heartbeat_extended(job: Job, attempt: int, now: datetime, lease_seconds: float) -> Job:
    """The lease now ends `lease_seconds` after `now`; an expired lease not yet claimed is revived."""
    _require_writer(job, attempt)
    assert job.lease is not None  # a leased status always has a lease
    extended = Lease(job.lease.holder, now + timedelta(seconds=lease_seconds), heartbeat_at=now)
    return replace(job, lease=extended)


def attempt_traced(job: Job, attempt: int, trace_parent: str) -> Job:
    """The trace context of the attempt now running, for the next attempt to link to."""
    _require_writer(job, attempt)
    require_trace_parent(trace_parent)
    return replace(job, attempt_trace_parent=trace_parent)


def progressed(
    job: Job,
    attempt: int,
    progress: Progress,
    *,
    eta_seconds: float | None,
    checkpoint: JsonObject | None,
    now: datetime,
) -> Job:
    """New progress and ETA; the checkpoint is replaced when one is given and kept when None."""
    _require_writer(job, attempt)
    kept = job.checkpoint if checkpoint is None else checkpoint
    return _bumped(replace(job, progress=progress, eta_seconds=eta_seconds, checkpoint=kept), now)


def finished(job: Job, attempt: int, outcome: JobOutcome, now: datetime) -> Job:
    """The terminal status; the lease is dropped and the ETA cleared. A succeeded job's checkpoint is
    dropped too (nothing is left to resume); any other end keeps it for inspection."""
    _require_writer(job, attempt)
    require_transition(job.status, outcome.status)
    ended = replace(
        job,
        status=outcome.status,
        checkpoint=None if outcome.status is JobStatus.SUCCEEDED else job.checkpoint,
        result_ref=outcome.result_ref,
        error=outcome.error,
        lease=None,
        eta_seconds=None,
        finished_at=now,
    )
    return _bumped(ended, now)


def retried(job: Job, attempt: int, error: str, now: datetime) -> Job:
    """One more retry after a transient fault: `retries` grows by one and `retry_error` is `error`
    (cut to the length of an error detail). Status, lease, progress and checkpoint stay as they are."""
    _require_writer(job, attempt)
    noted = replace(job, retries=job.retries + 1, retry_error=error[:MAX_ERROR_LENGTH] or "retried")
    return _bumped(noted, now)


def released(job: Job, attempt: int, now: datetime) -> Job:
    """Back to queued without a lease (graceful shutdown); the next claim resumes from the checkpoint."""
    _require_writer(job, attempt)
    require_transition(job.status, JobStatus.QUEUED)
    return _bumped(replace(job, status=JobStatus.QUEUED, lease=None, eta_seconds=None), now)


def cancel_requested(job: Job, now: datetime) -> Job:
    """Queued ends cancelled at once; running becomes cancelling; any other status is left as it is."""
    if job.status is JobStatus.QUEUED:
        return _bumped(replace(job, status=JobStatus.CANCELLED, finished_at=now), now)
    if job.status is JobStatus.RUNNING:
        return _bumped(replace(job, status=JobStatus.CANCELLING), now)
    return job


def _require_writer(job: Job, attempt: int) -> None:
    if not job.accepts_writer(attempt):
        raise LeaseLost(
            f"job {job.id} is {job.status} at attempt {job.attempt}; attempt {attempt} may no longer write"
        )


def _bumped(job: Job, now: datetime) -> Job:
    return replace(job, updated_at=now, version=job.version + 1)
