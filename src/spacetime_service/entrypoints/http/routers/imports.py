"""Product imports: a CSV or NDJSON upload, read as a stream and checked line by line, then upserted
by sku as a resumable job that writes each row exactly once."""

# No `from __future__ import annotations` here: the injection markers are read from the live
# Annotated hints of the endpoints.
from typing import Annotated, Any

import anyio.to_thread
from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import JSONResponse

from spacetime_service.application.encoding.media_types import CSV_MEDIA_TYPE, NDJSON_MEDIA_TYPE
from spacetime_service.application.imports.import_products import ImportProducts, ImportProductsCommand
from spacetime_service.application.jobs.submit_job import SubmitJobResult
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.domain.identity import Principal, Scope
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.idempotency import IdempotencyKey
from spacetime_service.entrypoints.http.job_responses import accepted_job
from spacetime_service.entrypoints.http.openapi import JOB_SUBMISSION_RESPONSES, PROBLEM_RESPONSES
from spacetime_service.entrypoints.http.request_body import BlockingBody
from spacetime_service.entrypoints.http.schemas.common import Problem
from spacetime_service.entrypoints.http.schemas.jobs import JobOut
from spacetime_service.entrypoints.http.upload_format import declared_length, upload_format

router = APIRouter(prefix="/products", tags=["products"], responses=dict(PROBLEM_RESPONSES))

UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            CSV_MEDIA_TYPE: {
                "schema": {"type": "string", "description": "a header row, then one product per row"}
            },
            NDJSON_MEDIA_TYPE: {
                "schema": {"type": "string", "description": "one JSON object (a product) per line"}
            },
        },
    }
}


@router.post(
    "/import",
    status_code=202,
    response_model=JobOut,
    summary="Upsert products by sku from a CSV or NDJSON upload, as a job",
    openapi_extra=UPLOAD_BODY,
    responses={
        **JOB_SUBMISSION_RESPONSES,
        409: {"model": Problem, "description": "the same Idempotency-Key came with other products"},
        413: {"model": Problem, "description": "the upload has too many bytes or rows"},
        415: {
            "model": Problem,
            "description": f"the body is neither {CSV_MEDIA_TYPE} nor {NDJSON_MEDIA_TYPE}",
        },
    },
)
@inject
async def import_products(
    request: Request,
    caller: Annotated[Principal, requires(Scope.CATALOG_WRITE)],
    key: IdempotencyKey,
    use_case: Annotated[ImportProducts, Depends(Provide[RootContainer.imports.import_products])],
) -> JSONResponse:
    wire_format = upload_format(request.headers.get("content-type"))
    command = ImportProductsCommand(
        caller.owner,
        BlockingBody(request),
        wire_format,
        key,
        declared_bytes=declared_length(request.headers.get("content-length")),
    )
    result = await anyio.to_thread.run_sync(use_case.execute, command)
    return accepted_job(SubmitJobResult(result.job, result.created))
