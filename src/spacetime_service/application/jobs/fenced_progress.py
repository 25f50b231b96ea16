"""The job-record half of a chunk's transaction: progress, ETA and checkpoint, fenced by the attempt."""

from __future__ import annotations

from datetime import datetime

from spacetime_service.application.jobs.context import JobContext
from spacetime_service.application.ports.job_repository import JobRepository
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.jobs.eta import ThroughputEstimate
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.jobs.json_value import JsonObject
from spacetime_service.domain.jobs.progress import Progress


def record_chunk(
    jobs: JobRepository,
    context: JobContext,
    shown: Progress,
    *,
    throughput: ThroughputEstimate,
    checkpoint: JsonObject,
    now: datetime,
) -> Job:
    """Writes the chunk's progress and checkpoint in the caller's transaction, before its commit.
    LeaseLost when another attempt owns the job: the caller's transaction must then roll back, so the
    chunk's own writes are undone with it and no row is applied twice."""
    job = jobs.record_progress(
        context.job_id,
        context.attempt,
        shown,
        eta_seconds=throughput.eta_seconds(shown),
        checkpoint=checkpoint,
        now=now,
    )
    if job is None:
        raise LeaseLost(f"attempt {context.attempt} of job {context.job_id} lost its lease")
    return job
