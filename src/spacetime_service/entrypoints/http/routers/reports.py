"""Reports over the order history: generated as jobs, watched, downloaded; daily stats streamed.

A report is addressed by its job's id only. Its file is served from the artifact store to GET and HEAD
with one byte range (`Range`, `If-Range`), an `ETag` (the SHA-256 of the content) that `If-None-Match`
compares, and `Content-Disposition` (streams/file_download.py holds the rules).
"""

# No `from __future__ import annotations` here: the injection markers are read from the live
# Annotated hints of the endpoints.
from datetime import date
from typing import Annotated, Any

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Header, Path, Query
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from spacetime_service.application.encoding.media_types import (
    CSV_MEDIA_TYPE,
    EVENT_STREAM_MEDIA_TYPE,
    GZIP_MEDIA_TYPE,
    NDJSON_MEDIA_TYPE,
)
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.jobs.events import EVENT_NAMES, JobEventFeed
from spacetime_service.application.reports.export_daily_stats import (
    ExportDailyStats,
    ExportDailyStatsCommand,
)
from spacetime_service.application.reports.generate_report import GenerateReport, GenerateReportCommand
from spacetime_service.application.reports.locate_report import LocateReport, LocateReportCommand
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.bootstrap.settings import Settings
from spacetime_service.domain.identity import Principal, Scope
from spacetime_service.domain.jobs.job import MAX_NAME_LENGTH
from spacetime_service.domain.reports import DayRange
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.idempotency import IdempotencyKey
from spacetime_service.entrypoints.http.job_responses import accepted_job
from spacetime_service.entrypoints.http.openapi import (
    JOB_SUBMISSION_RESPONSES,
    NOT_FOUND_RESPONSE,
    PROBLEM_RESPONSES,
    STREAM_REFUSED_RESPONSES,
    event_stream,
    streamed,
)
from spacetime_service.entrypoints.http.schemas.common import Problem
from spacetime_service.entrypoints.http.schemas.jobs import JobOut, job_out
from spacetime_service.entrypoints.http.schemas.reports import ReportIn
from spacetime_service.entrypoints.http.streams.file_download import serve_file
from spacetime_service.entrypoints.http.streams.job_events import serve_job_events
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter
from spacetime_service.entrypoints.http.streams.responses import serve_stream, stream_limiter

router = APIRouter(prefix="/reports", tags=["reports"], responses=dict(PROBLEM_RESPONSES))

ReportId = Annotated[str, Path(min_length=1, max_length=MAX_NAME_LENGTH, description="the report job's id")]
Reader = Annotated[Principal, requires(Scope.REPORTS_READ)]
Writer = Annotated[Principal, requires(Scope.REPORTS_WRITE)]
Locate = Annotated[LocateReport, Depends(Provide[RootContainer.reports.locate_report])]
CONFLICT: dict[int | str, dict[str, Any]] = {
    **JOB_SUBMISSION_RESPONSES,
    409: {"model": Problem, "description": "the same Idempotency-Key came with another body"},
}


@router.post(
    "/generate",
    status_code=202,
    response_model=JobOut,
    summary="Generate a report as a job; watch it at /jobs/{id} or /reports/{id}/progress",
    responses=CONFLICT,
)
@inject
def generate_report(
    body: ReportIn,
    caller: Writer,
    key: IdempotencyKey,
    use_case: Annotated[GenerateReport, Depends(Provide[RootContainer.reports.generate_report])],
) -> JSONResponse:
    request = ReportRequest.from_json(body.model_dump(mode="json"))
    return accepted_job(use_case.execute(GenerateReportCommand(caller.owner, request, key)))


@router.get(
    "/export/csv",
    summary="The daily statistics of a range of days as a CSV download, without a job",
    response_class=Response,
    responses={
        **streamed((CSV_MEDIA_TYPE,), "one line per day, days without orders as zeros"),
        **STREAM_REFUSED_RESPONSES,
    },
)
@inject
async def export_daily_stats(
    request: Request,
    _caller: Reader,
    start_date: Annotated[date, Query(description="first UTC day, included")],
    end_date: Annotated[date, Query(description="last UTC day, included")],
    streams: Annotated[StreamLimiter, Depends(stream_limiter)],
    use_case: Annotated[ExportDailyStats, Depends(Provide[RootContainer.reports.export_daily_stats])],
) -> Response:
    command = ExportDailyStatsCommand(DayRange(start_date, end_date), WireFormat.CSV)
    return await serve_stream(request, streams, lambda: use_case.execute(command), download=True)


@router.get(
    "/{report_id}/progress",
    response_model=JobOut,
    summary="The report's job as JSON, or its events with `Accept: text/event-stream`",
    responses={
        **event_stream(EVENT_NAMES, JobOut, "the job; or with `Accept: text/event-stream` its events"),
        204: {"description": "an event stream whose Last-Event-ID is already the job's final state"},
        **NOT_FOUND_RESPONSE,
        **STREAM_REFUSED_RESPONSES,
    },
)
@inject
async def report_progress(
    *,
    request: Request,
    report_id: ReportId,
    caller: Reader,
    locate: Locate,
    streams: Annotated[StreamLimiter, Depends(stream_limiter)],
    feed: Annotated[JobEventFeed, Depends(Provide[RootContainer.jobs.event_feed])],
    settings: Annotated[Settings, Depends(Provide[RootContainer.settings])],
    accept: Annotated[str, Header()] = "",
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID")] = None,
) -> Response:
    owner = caller.owner
    job = await run_in_threadpool(locate.report_job, LocateReportCommand(report_id, owner))
    if EVENT_STREAM_MEDIA_TYPE in accept:
        return serve_job_events(
            request,
            streams,
            feed,
            job,
            owner=owner,
            last_event_id=last_event_id,
            ping_seconds=settings.api.sse_ping_seconds,
        )
    return JSONResponse(job_out(job).model_dump(mode="json"))


@router.get(
    "/{report_id}/download",
    summary="The finished report file (one byte range, ETag, If-None-Match, If-Range; HEAD too)",
    response_class=Response,
    responses={
        200: {
            "description": "the file: no Range, or one that is ignored (malformed, another unit, several "
            "ranges, or an If-Range that does not match)",
            "content": {CSV_MEDIA_TYPE: {}, NDJSON_MEDIA_TYPE: {}, GZIP_MEDIA_TYPE: {}},
        },
        206: {"description": "the one requested range, with Content-Range"},
        304: {"description": "If-None-Match names the file's ETag"},
        409: {"model": Problem, "description": "the report has not succeeded (yet)"},
        416: {"model": Problem, "description": "the range selects no byte; Content-Range: bytes */size"},
        **NOT_FOUND_RESPONSE,
    },
)
@router.head("/{report_id}/download", include_in_schema=False)
@inject
def download_report(request: Request, report_id: ReportId, caller: Reader, locate: Locate) -> Response:
    found = locate.execute(LocateReportCommand(report_id, caller.owner))
    info = found.info
    return serve_file(
        request, found.path, etag=info.etag, media_type=info.content_type, filename=info.filename
    )
