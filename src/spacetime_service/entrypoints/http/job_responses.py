"""The answer to a POST that submits a job: 202 Accepted with the job, where to watch it, and whether
the request repeated an earlier one with the same Idempotency-Key."""

from __future__ import annotations

from starlette.responses import JSONResponse

from spacetime_service.application.jobs.submit_job import SubmitJobResult
from spacetime_service.entrypoints.http.schemas.jobs import job_out

REPLAYED_HEADER = "Idempotent-Replayed"


def accepted_job(result: SubmitJobResult) -> JSONResponse:
    """202 with the job as JSON, `Location: /jobs/{id}`, and `Idempotent-Replayed: true` when the job
    came from an earlier submission (same key, same body) rather than this one."""
    headers = {"Location": f"/jobs/{result.job.id}"}
    if not result.created:
        headers[REPLAYED_HEADER] = "true"
    return JSONResponse(job_out(result.job).model_dump(mode="json"), status_code=202, headers=headers)
