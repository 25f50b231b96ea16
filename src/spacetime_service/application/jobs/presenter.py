"""The one public form of a job, shown alike by HTTP bodies, SSE event data and the CLI's JSON output.

JSON-safe: times as UTC ISO 8601 with Z, progress as a percentage with one decimal. The request and
the lease stay inside the service; the checkpoint is summarised as where the job would resume from
(the `last_id` or `last_day` its handler records, when it records one). `retries` and `retry_error`
show that a job is outliving transient faults.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.encoding.wire import wire_time

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.domain.jobs.json_value import JsonObject, JsonValue


def job_view(job: Job) -> JsonObject:
    """The job as a client sees it; HTTP validates this against its response model, the CLI prints it."""
    fraction = job.progress.fraction
    return {
        "id": job.id,
        "kind": job.kind,
        "owner": job.owner,
        "status": job.status.value,
        "attempt": job.attempt,
        "progress": {
            "done": job.progress.done,
            "total": job.progress.total,
            "unit": job.progress.unit,
            "percent": None if fraction is None else round(fraction * 100, 1),
        },
        "eta_seconds": None if job.eta_seconds is None else round(job.eta_seconds, 1),
        "checkpoint": _resume_point(job),
        "result_ref": job.result_ref,
        "error": job.error,
        "created_at": wire_time(job.created_at),
        "started_at": None if job.started_at is None else wire_time(job.started_at),
        "finished_at": None if job.finished_at is None else wire_time(job.finished_at),
        "updated_at": wire_time(job.updated_at),
        "version": job.version,
        "retries": job.retries,
        "retry_error": job.retry_error,
    }


def _resume_point(job: Job) -> JsonValue:
    """None before the first saved chunk; else the last id and last day done, each None when the
    job's handler does not count that way."""
    if job.checkpoint is None:
        return None
    last_id, last_day = job.checkpoint.get("last_id"), job.checkpoint.get("last_day")
    return {
        # bool is an int to Python, but never an id.
        "last_id": last_id if isinstance(last_id, int) and not isinstance(last_id, bool) else None,
        "last_day": last_day if isinstance(last_day, str) else None,
    }
