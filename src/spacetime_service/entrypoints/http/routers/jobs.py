"""Jobs: pages of them, one job, cancelling one, and its progress as Server-Sent Events.

Every endpoint sees only the jobs of the caller's owner; another owner's job answers 404, like a
missing one. A caller with the `admin` scope sees and cancels every owner's jobs.
"""

# No `from __future__ import annotations` here: the injection markers are read from the live
# Annotated hints of the endpoints.
from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Header, Path, Query
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from spacetime_service.application.jobs.cancel_job import CancelJob, CancelJobCommand
from spacetime_service.application.jobs.events import EVENT_NAMES, JobEventFeed
from spacetime_service.application.jobs.get_job import GetJob, GetJobCommand
from spacetime_service.application.jobs.list_jobs import ListJobs, ListJobsCommand
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.bootstrap.settings import Settings
from spacetime_service.domain.identity import Principal, Scope
from spacetime_service.domain.jobs.job import MAX_NAME_LENGTH
from spacetime_service.domain.jobs.kinds import JobKind
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.pagination import MAX_PAGE_SIZE, MIN_PAGE_SIZE
from spacetime_service.entrypoints.http.access.owners import jobs_owner
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.links import page_links
from spacetime_service.entrypoints.http.openapi import (
    NOT_FOUND_RESPONSE,
    PROBLEM_RESPONSES,
    STREAM_REFUSED_RESPONSES,
    event_stream,
)
from spacetime_service.entrypoints.http.query_params import DEFAULT_PAGE_SIZE
from spacetime_service.entrypoints.http.schemas.common import Problem
from spacetime_service.entrypoints.http.schemas.jobs import JobOut, JobPageOut, job_out
from spacetime_service.entrypoints.http.streams.job_events import serve_job_events
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter
from spacetime_service.entrypoints.http.streams.responses import stream_limiter

router = APIRouter(prefix="/jobs", tags=["jobs"], responses=dict(PROBLEM_RESPONSES))

Reader = Annotated[Principal, requires(Scope.JOBS_READ)]
Writer = Annotated[Principal, requires(Scope.JOBS_WRITE)]
JobId = Annotated[str, Path(min_length=1, max_length=MAX_NAME_LENGTH, description="the job's id")]


@router.get("", response_model=JobPageOut, summary="The owner's jobs, newest first, in keyset pages")
@inject
def list_jobs(
    *,
    request: Request,
    caller: Reader,
    use_case: Annotated[ListJobs, Depends(Provide[RootContainer.jobs.list_jobs])],
    kind: Annotated[
        list[JobKind], Query(default_factory=list, description="repeatable; any kind when absent")
    ],
    status: Annotated[list[JobStatus], Query(default_factory=list, description="repeatable")],
    limit: Annotated[int, Query(ge=MIN_PAGE_SIZE, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    cursor: Annotated[str | None, Query(description="the `next_cursor` of the previous page")] = None,
) -> JobPageOut:
    command = ListJobsCommand(
        jobs_owner(caller), tuple(str(name) for name in kind), tuple(status), limit, cursor
    )
    page = use_case.execute(command)
    return JobPageOut(
        items=[job_out(job) for job in page.items],
        next_cursor=page.next_cursor,
        links=page_links(request, page.next_cursor),
    )


@router.get("/{job_id}", response_model=JobOut, summary="One job", responses=dict(NOT_FOUND_RESPONSE))
@inject
def get_job(
    job_id: JobId,
    caller: Reader,
    use_case: Annotated[GetJob, Depends(Provide[RootContainer.jobs.get_job])],
) -> JobOut:
    return job_out(use_case.execute(GetJobCommand(job_id, jobs_owner(caller))))


@router.post(
    "/{job_id}/cancel",
    status_code=202,
    response_model=JobOut,
    summary="Cancel a job: queued ends at once, running stops at its next chunk",
    responses={
        **NOT_FOUND_RESPONSE,
        409: {"model": Problem, "description": "the job already succeeded or failed"},
    },
)
@inject
def cancel_job(
    job_id: JobId,
    caller: Writer,
    use_case: Annotated[CancelJob, Depends(Provide[RootContainer.jobs.cancel_job])],
) -> JSONResponse:
    job = use_case.execute(CancelJobCommand(job_id, jobs_owner(caller)))
    return JSONResponse(job_out(job).model_dump(mode="json"), status_code=202)


@router.get(
    "/{job_id}/events",
    summary="The job's changes as Server-Sent Events, until it ends",
    response_class=Response,
    responses={
        **event_stream(EVENT_NAMES, JobOut, "`progress` events, then one `end` event; data: the job as JSON"),
        204: {"description": "the client's Last-Event-ID is already the job's final state"},
        **NOT_FOUND_RESPONSE,
        **STREAM_REFUSED_RESPONSES,
    },
)
@inject
async def job_events(
    *,
    request: Request,
    job_id: JobId,
    caller: Reader,
    streams: Annotated[StreamLimiter, Depends(stream_limiter)],
    get: Annotated[GetJob, Depends(Provide[RootContainer.jobs.get_job])],
    feed: Annotated[JobEventFeed, Depends(Provide[RootContainer.jobs.event_feed])],
    settings: Annotated[Settings, Depends(Provide[RootContainer.settings])],
    last_event_id: Annotated[
        str | None, Header(alias="Last-Event-ID", description="the id of the last event received")
    ] = None,
) -> Response:
    owner = jobs_owner(caller)
    job = await run_in_threadpool(get.execute, GetJobCommand(job_id, owner))
    return serve_job_events(
        request,
        streams,
        feed,
        job,
        owner=owner,
        last_event_id=last_event_id,
        ping_seconds=settings.api.sse_ping_seconds,
    )
