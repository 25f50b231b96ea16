"""Bulk updates of products: one operation over every product a filter selects, as a resumable job
that changes each product exactly once; or, with `dry_run`, only how many would change."""

# No `from __future__ import annotations` here: the injection markers are read from the live
# Annotated hints of the endpoints.
from typing import Annotated

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Query
from starlette.responses import JSONResponse

from spacetime_service.application.bulk_updates.bulk_update_products import (
    BulkUpdateProducts,
    BulkUpdateProductsCommand,
)
from spacetime_service.application.bulk_updates.request_json import parse_bulk_update
from spacetime_service.application.jobs.submit_job import SubmitJobResult
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.domain.identity import Principal, Scope
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.idempotency import IdempotencyKey
from spacetime_service.entrypoints.http.job_responses import accepted_job
from spacetime_service.entrypoints.http.openapi import JOB_SUBMISSION_RESPONSES, PROBLEM_RESPONSES
from spacetime_service.entrypoints.http.schemas.bulk_updates import BulkUpdateIn, DryRunOut
from spacetime_service.entrypoints.http.schemas.common import Problem
from spacetime_service.entrypoints.http.schemas.jobs import JobOut

router = APIRouter(prefix="/products", tags=["products"], responses=dict(PROBLEM_RESPONSES))


@router.post(
    "/bulk-update",
    status_code=202,
    response_model=JobOut,
    summary="Change every product the filter selects, as a job (or count them with dry_run=true)",
    responses={
        **JOB_SUBMISSION_RESPONSES,
        200: {"model": DryRunOut, "description": "dry run: how many products would change"},
        409: {"model": Problem, "description": "the same Idempotency-Key came with another update"},
    },
)
@inject
def bulk_update_products(
    body: BulkUpdateIn,
    caller: Annotated[Principal, requires(Scope.CATALOG_WRITE)],
    key: IdempotencyKey,
    use_case: Annotated[
        BulkUpdateProducts, Depends(Provide[RootContainer.bulk_updates.bulk_update_products])
    ],
    dry_run: Annotated[bool, Query(description="count the products that would change; change none")] = False,
) -> JSONResponse:
    update = parse_bulk_update(body.model_dump(mode="json"))
    result = use_case.execute(BulkUpdateProductsCommand(caller.owner, update, dry_run, key))
    if result.job is None:
        return JSONResponse(DryRunOut(would_change=result.would_change or 0).model_dump())
    return accepted_job(SubmitJobResult(result.job, result.created))
