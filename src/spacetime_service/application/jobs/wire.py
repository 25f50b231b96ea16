"""The wire form of a job (HTTP bodies, SSE data, CLI output): JSON-safe, times as UTC ISO 8601 with Z.

The request, checkpoint and lease are left out: they are the service's internals or the client's own.
"""

from __future__ import annotations

from spacetime_service.application.encoding.wire import wire_time
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.jobs.json_value import JsonObject


def job_wire(job: Job) -> JsonObject:
    return {
        "id": job.id,
        "kind": job.kind,
        "status": job.status.value,
        "attempt": job.attempt,
        "progress": {
            "done": job.progress.done,
            "total": job.progress.total,
            "unit": job.progress.unit,
            "fraction": job.progress.fraction,
        },
        "eta_seconds": None if job.eta_seconds is None else round(job.eta_seconds, 1),
        "result_ref": job.result_ref,
        "error": job.error,
        "created_at": wire_time(job.created_at),
        "started_at": None if job.started_at is None else wire_time(job.started_at),
        "finished_at": None if job.finished_at is None else wire_time(job.finished_at),
        "updated_at": wire_time(job.updated_at),
        "version": job.version,
    }
