"""Between rows of the `jobs` table and the domain's Job: the lease and progress are column groups."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacetime_service.domain.jobs.job import Job, NewJob
from spacetime_service.domain.jobs.json_value import JsonObject, require_json_object
from spacetime_service.domain.jobs.lease import Lease
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus

if TYPE_CHECKING:
    from sqlalchemy import Row


def job_from_row(row: Row[Any]) -> Job:
    values = row._mapping
    lease = None
    if values["lease_holder"] is not None:
        lease = Lease(values["lease_holder"], values["lease_expires_at"], values["heartbeat_at"])
    return Job(
        id=values["id"],
        kind=values["kind"],
        owner=values["owner"],
        idempotency_key=values["idempotency_key"],
        request_hash=values["request_hash"],
        request=require_json_object(values["request"], field="request"),
        status=JobStatus(values["status"]),
        attempt=values["attempt"],
        lease=lease,
        progress=Progress(values["progress_done"], values["progress_total"], values["progress_unit"]),
        eta_seconds=values["eta_seconds"],
        checkpoint=checkpoint_from_column(values["checkpoint"]),
        result_ref=values["result_ref"],
        error=values["error"],
        created_at=values["created_at"],
        started_at=values["started_at"],
        finished_at=values["finished_at"],
        updated_at=values["updated_at"],
        version=values["version"],
        retries=values["retries"],
        retry_error=values["retry_error"],
        trace_parent=values["trace_parent"],
        attempt_trace_parent=values["attempt_trace_parent"],
    )


def checkpoint_from_column(value: object) -> JsonObject | None:
    return None if value is None else require_json_object(value, field="checkpoint")


def row_of_new_job(new_job: NewJob) -> dict[str, object]:
    """The values of the row that stores `new_job.to_job()`."""
    job = new_job.to_job()
    return {
        "id": job.id,
        "kind": job.kind,
        "owner": job.owner,
        "idempotency_key": job.idempotency_key,
        "request_hash": job.request_hash,
        "request": job.request,
        "status": job.status.value,
        "attempt": job.attempt,
        "lease_holder": None,
        "lease_expires_at": None,
        "heartbeat_at": None,
        "progress_done": job.progress.done,
        "progress_total": job.progress.total,
        "progress_unit": job.progress.unit,
        "eta_seconds": job.eta_seconds,
        "checkpoint": job.checkpoint,
        "result_ref": job.result_ref,
        "error": job.error,
        "created_at": job.created_at,
        "started_at": job.started_at,
        "finished_at": job.finished_at,
        "updated_at": job.updated_at,
        "version": job.version,
        "retries": job.retries,
        "retry_error": job.retry_error,
        "trace_parent": job.trace_parent,
        "attempt_trace_parent": job.attempt_trace_parent,
    }
