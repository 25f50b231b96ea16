"""Bodies that show jobs: one job (GET /jobs/{id}, SSE event data, the 202 of a submission) and a page.

The fields and their values come from the one job presenter (`application/jobs/presenter.py`); these
models describe and check them for OpenAPI.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from spacetime_service.application.jobs.presenter import job_view
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.entrypoints.http.schemas.common import PageLinks

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
    retries: int = Field(
        0,
        description="transient faults (database, disk, broker) the job was retried after from its checkpoint",
    )
    retry_error: str | None = Field(None, description="the last of those faults; null when there was none")


class JobPageOut(BaseModel):
    items: list[JobOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")
    links: PageLinks


def job_out(job: Job) -> JobOut:
    """The presenter's form of the job (the CLI prints the same), validated against the model."""
    return JobOut.model_validate(job_view(job))
