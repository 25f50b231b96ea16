"""A job's life as structured log events, one line each, every one with the job's id:
`job.submitted`, `job.claimed`, `job.resumed`, `job.checkpointed` (chunk_telemetry), `job.retried`,
`job.cancel_requested`, `job.cancelled`, `job.succeeded`, `job.failed`.

The lines of an attempt also carry the trace and span ids of the attempt (the logging setup adds them),
so that a log search leads to the trace and back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import structlog

from spacetime_service.domain.jobs.status import JobStatus

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.job import Job

_log = structlog.get_logger("spacetime_service.jobs")


def submitted(job: Job) -> None:
    _log.info("job.submitted", job_id=job.id, kind=job.kind, owner=job.owner)


def claimed(job: Job) -> None:
    """A runner took the lease; an attempt after the first continues where the record left off."""
    worker = job.lease.holder if job.lease is not None else None
    _log.info("job.claimed", job_id=job.id, kind=job.kind, attempt=job.attempt, worker=worker)
    if job.attempt > 1:
        _log.info(
            "job.resumed",
            job_id=job.id,
            kind=job.kind,
            attempt=job.attempt,
            done=job.progress.done,
            unit=job.progress.unit,
            from_checkpoint=job.checkpoint is not None,
        )


def retried(job: Job, retry: int, error: str) -> None:
    """A transient fault was counted, and the attempt runs the handler again from the checkpoint."""
    _log.info("job.retried", job_id=job.id, kind=job.kind, attempt=job.attempt, retry=retry, error=error)


def cancel_requested(job: Job) -> None:
    """A cancel reached the record: a queued job ends at once, a running one at its next chunk."""
    if job.status is JobStatus.CANCELLED:
        ended(job)
    elif job.status is JobStatus.CANCELLING:
        _log.info("job.cancel_requested", job_id=job.id, kind=job.kind, attempt=job.attempt)


def ended(job: Job) -> None:
    """The job reached an end: succeeded, failed or cancelled."""
    event = f"job.{job.status.value}"
    if job.status is JobStatus.FAILED:
        _log.warning(event, job_id=job.id, kind=job.kind, attempt=job.attempt, error=job.error)
    else:
        _log.info(event, job_id=job.id, kind=job.kind, attempt=job.attempt, result=job.result_ref)
