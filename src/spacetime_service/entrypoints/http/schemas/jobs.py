"""Bodies that show jobs: one job (GET /jobs/{id}, SSE event data, the 202 of a submission) and a page.

The request, lease and checkpoint contents stay inside the service; the checkpoint is summarised as
where the job would resume from (the `last_id` or `last_day` its handler records, when it records one).
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from spacetime_service.application.jobs.wire import job_wire
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.jobs.status import JobStatus

_TIME = Field(examples=["2025-03-01T12:34:56Z"], json_schema_extra={"format": "date-time"})
_OPTIONAL_TIME = Field(None, examples=["2025-03-01T12:34:56Z"], json_schema_extra={"format": "date-time"})


class JobProgressOut(BaseModel):
    done: int = Field(description="units finished")
    total: int | None = Field(description="units in all; null while unknown")
    unit: str = Field(examples=["rows"])
    percent: float | None = Field(description="0 to 100 with one decimal; null without a total")


class CheckpointOut(BaseModel):
    """Where the job resumes after a restart; a field is null when the job does not count that way."""

    last_id: int | None = Field(description="the last row id done (bulk updates, keyset walks)")
    last_day: str | None = Field(None, examples=["2025-03-07"], description="the last day done (reports)")


class JobOut(BaseModel):
    id: str
    kind: str = Field(examples=["report"])
    owner: str
    status: JobStatus
    attempt: int = Field(description="how many times a worker has taken the job")
    progress: JobProgressOut
    eta_seconds: float | None = Field(description="seconds left at the recent rate; null while unknown")
    checkpoint: CheckpointOut | None = Field(description="null until the first chunk is saved")
    result_ref: str | None = Field(description="the artifact or model the job produced")
    error: str | None
    created_at: str = _TIME
    started_at: str | None = _OPTIONAL_TIME
    finished_at: str | None = _OPTIONAL_TIME
    updated_at: str = _TIME
    version: int = Field(description="grows with every change; the SSE event id")


class JobPageOut(BaseModel):
    items: list[JobOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


def job_out(job: Job) -> JobOut:
    wire = job_wire(job)
    fraction = job.progress.fraction
    progress = JobProgressOut(
        done=job.progress.done,
        total=job.progress.total,
        unit=job.progress.unit,
        percent=None if fraction is None else round(fraction * 100, 1),
    )
    return JobOut.model_validate(
        {**wire, "owner": job.owner, "progress": progress, "checkpoint": _summary(job)}
    )


def _summary(job: Job) -> CheckpointOut | None:
    if job.checkpoint is None:
        return None
    last_id, last_day = job.checkpoint.get("last_id"), job.checkpoint.get("last_day")
    return CheckpointOut(
        # bool is an int to Python, but never an id.
        last_id=last_id if isinstance(last_id, int) and not isinstance(last_id, bool) else None,
        last_day=last_day if isinstance(last_day, str) else None,
    )
