"""Machine learning: train a model as a job, read the registry, point aliases, and stream predictions
and features for NDJSON records (read from the request body as a stream) or stored records.

Records go in as NDJSON (one JSON object per line) or as `{"query": {...}}` over the stored records
(`application/json`). The first chunk is checked before the response starts (a bad line there is a 422
naming it); a bad line after output began ends NDJSON with one `{"error": {...}}` line and breaks CSV
off (application/ml/record_outputs.py). A client uploading a large body must read as it uploads.
"""

# No `from __future__ import annotations` here: the injection markers are read from the live
# Annotated hints of the endpoints.
from typing import Annotated, Any, Literal

from dependency_injector.wiring import Provide, inject
from fastapi import APIRouter, Depends, Path, Query
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from spacetime_service.application.encoding.media_types import CSV_MEDIA_TYPE, NDJSON_MEDIA_TYPE
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.ml.batch_predict import (
    BatchPredict,
    BatchPredictCommand,
    ModelChoice,
)
from spacetime_service.application.ml.extract_features import ExtractFeatures, ExtractFeaturesCommand
from spacetime_service.application.ml.get_model import GetModel
from spacetime_service.application.ml.get_model_status import GetModelStatus
from spacetime_service.application.ml.list_models import ListModels, ListModelsCommand
from spacetime_service.application.ml.set_model_alias import SetModelAlias, SetModelAliasCommand
from spacetime_service.application.ml.train_model import TrainModel, TrainModelCommand
from spacetime_service.bootstrap.containers.root import RootContainer
from spacetime_service.bootstrap.ml_settings import MlSettings
from spacetime_service.domain.identity import Principal, Scope
from spacetime_service.domain.ml.aliases import ALIAS_PATTERN
from spacetime_service.domain.ml.features import FEATURES
from spacetime_service.domain.ml.model_version import MODEL_ID_PATTERN, ModelStatus
from spacetime_service.domain.ml.tasks import TASKS
from spacetime_service.domain.pagination import MAX_PAGE_SIZE, MIN_PAGE_SIZE
from spacetime_service.entrypoints.http.access.principal import requires
from spacetime_service.entrypoints.http.idempotency import IdempotencyKey
from spacetime_service.entrypoints.http.job_responses import REPLAYED_HEADER
from spacetime_service.entrypoints.http.links import page_links
from spacetime_service.entrypoints.http.ml_records import RECORDS_BODY, request_records
from spacetime_service.entrypoints.http.openapi import (
    JOB_SUBMISSION_RESPONSES,
    NOT_FOUND_RESPONSE,
    PROBLEM_RESPONSES,
    STREAM_REFUSED_RESPONSES,
    streamed,
)
from spacetime_service.entrypoints.http.query_params import DEFAULT_PAGE_SIZE, each_one_of, matching, one_of
from spacetime_service.entrypoints.http.schemas.common import Problem
from spacetime_service.entrypoints.http.schemas.jobs import job_out
from spacetime_service.entrypoints.http.schemas.ml import (
    AliasIn,
    AliasOut,
    ModelOut,
    ModelPageOut,
    ModelStatusOut,
    TrainAcceptedOut,
    TrainIn,
    details_out,
    model_out,
    status_out,
)
from spacetime_service.entrypoints.http.streams.limits import StreamLimiter
from spacetime_service.entrypoints.http.streams.responses import serve_stream, stream_limiter

router = APIRouter(prefix="/ml", tags=["ml"], responses=dict(PROBLEM_RESPONSES))

ModelId = Annotated[
    str,
    Path(
        min_length=1,
        max_length=64,
        description="the model's id (its training job's id)",
        json_schema_extra=matching(MODEL_ID_PATTERN),
    ),
]
Reader = Annotated[Principal, requires(Scope.ML_READ)]
NOT_READY: dict[int | str, dict[str, Any]] = {
    409: {"model": Problem, "description": "the model is not ready (still training, failed)"}
}


@router.post(
    "/train",
    status_code=202,
    response_model=TrainAcceptedOut,
    summary="Train a model as a checkpointed job; its version is registered at once",
    responses=dict(JOB_SUBMISSION_RESPONSES),
)
@inject
def train(
    body: TrainIn,
    caller: Annotated[Principal, requires(Scope.ML_WRITE)],
    key: IdempotencyKey,
    use_case: Annotated[TrainModel, Depends(Provide[RootContainer.ml.train_model])],
) -> JSONResponse:
    result = use_case.execute(TrainModelCommand(caller.owner, body.to_job(), key))
    accepted = TrainAcceptedOut(
        model_id=result.model_id, model=model_out(result.version), job=job_out(result.job)
    )
    headers = {"Location": f"/ml/models/{result.model_id}"}
    if not result.created:
        headers[REPLAYED_HEADER] = "true"
    return JSONResponse(accepted.model_dump(mode="json"), status_code=202, headers=headers)


@router.get("/models", response_model=ModelPageOut, summary="Model versions, newest first, in keyset pages")
@inject
def list_models(
    *,
    request: Request,
    caller: Reader,
    use_case: Annotated[ListModels, Depends(Provide[RootContainer.ml.list_models])],
    task: Annotated[
        str | None, Query(description="only this task's versions", json_schema_extra=one_of(list(TASKS)))
    ] = None,
    status: Annotated[ModelStatus | None, Query()] = None,
    limit: Annotated[int, Query(ge=MIN_PAGE_SIZE, le=MAX_PAGE_SIZE)] = DEFAULT_PAGE_SIZE,
    cursor: Annotated[str | None, Query(description="the `next_cursor` of the previous page")] = None,
) -> ModelPageOut:
    page = use_case.execute(ListModelsCommand(task, status, limit, cursor, caller.owner))
    return ModelPageOut(
        items=[model_out(version) for version in page.items],
        next_cursor=page.next_cursor,
        links=page_links(request, page.next_cursor),
    )


@router.get(
    "/models/{model_id}",
    response_model=ModelOut,
    summary="One model version",
    responses=dict(NOT_FOUND_RESPONSE),
)
@inject
def get_model(
    caller: Reader,
    model_id: ModelId,
    use_case: Annotated[GetModel, Depends(Provide[RootContainer.ml.get_model])],
) -> ModelOut:
    return details_out(use_case.execute(model_id, caller.owner))


@router.get(
    "/models/{model_id}/status",
    response_model=ModelStatusOut,
    summary="A version's status with its training job's progress, ETA, epoch and latest metrics",
    responses=dict(NOT_FOUND_RESPONSE),
)
@inject
def model_status(
    caller: Reader,
    model_id: ModelId,
    use_case: Annotated[GetModelStatus, Depends(Provide[RootContainer.ml.get_model_status])],
) -> ModelStatusOut:
    return status_out(use_case.execute(model_id, caller.owner))


@router.put(
    "/aliases/{task}/{name}",
    response_model=AliasOut,
    summary="Point the owner's alias of a task (`production`, ...) at one of its ready versions",
    responses={**NOT_FOUND_RESPONSE, **NOT_READY},
)
@inject
def set_alias(
    caller: Annotated[Principal, requires(Scope.ML_ALIASES_WRITE)],
    task: Annotated[str, Path(json_schema_extra=one_of(list(TASKS)))],
    name: Annotated[str, Path(examples=["production"], json_schema_extra=matching(ALIAS_PATTERN))],
    body: AliasIn,
    use_case: Annotated[SetModelAlias, Depends(Provide[RootContainer.ml.set_model_alias])],
) -> AliasOut:
    alias = use_case.execute(SetModelAliasCommand(task, name, body.model_id, caller.owner))
    return AliasOut(task=alias.task, name=alias.name, model_id=alias.model_id)


@router.post(
    "/predict/batch",
    summary="Predictions for NDJSON records or stored records, streamed as NDJSON",
    response_class=Response,
    openapi_extra=RECORDS_BODY,
    responses={
        **streamed((NDJSON_MEDIA_TYPE,), "one answer per record: line, id, probability|prediction|cluster"),
        **NOT_FOUND_RESPONSE,
        **NOT_READY,
        **STREAM_REFUSED_RESPONSES,
    },
)
@inject
async def predict_batch(
    *,
    caller: Reader,
    request: Request,
    streams: Annotated[StreamLimiter, Depends(stream_limiter)],
    use_case: Annotated[BatchPredict, Depends(Provide[RootContainer.ml.batch_predict])],
    settings: Annotated[MlSettings, Depends(Provide[RootContainer.ml.settings])],
    model_id: Annotated[
        str | None,
        Query(description="the model; or give task and alias", json_schema_extra=matching(MODEL_ID_PATTERN)),
    ] = None,
    task: Annotated[str | None, Query(json_schema_extra=one_of(list(TASKS)))] = None,
    alias: Annotated[
        str | None, Query(examples=["production"], json_schema_extra=matching(ALIAS_PATTERN))
    ] = None,
) -> Response:
    choice = ModelChoice(model_id, task, alias, caller.owner)
    records = await request_records(request)
    command = BatchPredictCommand(choice, records, settings.predict_chunk_rows)
    return await serve_stream(request, streams, lambda: use_case.execute(command))


@router.post(
    "/features/extract",
    summary="Encoded features of NDJSON records or stored records, streamed as NDJSON or CSV",
    response_class=Response,
    openapi_extra=RECORDS_BODY,
    responses={
        **streamed((NDJSON_MEDIA_TYPE, CSV_MEDIA_TYPE), "one row per record: line, id, then the features"),
        **STREAM_REFUSED_RESPONSES,
    },
)
@inject
async def extract_features(
    *,
    _caller: Reader,
    request: Request,
    task: Annotated[str, Query(examples=["order_returned"], json_schema_extra=one_of(list(TASKS)))],
    streams: Annotated[StreamLimiter, Depends(stream_limiter)],
    use_case: Annotated[ExtractFeatures, Depends(Provide[RootContainer.ml.extract_features])],
    settings: Annotated[MlSettings, Depends(Provide[RootContainer.ml.settings])],
    features: Annotated[
        list[str],
        Query(
            default_factory=list,
            description="repeatable, allow-listed per task; the task's defaults when absent",
            json_schema_extra=each_one_of(list(FEATURES)),
        ),
    ],
    wire_format: Annotated[Literal["ndjson", "csv"], Query(alias="format")] = "ndjson",
) -> Response:
    records = await request_records(request)
    command = ExtractFeaturesCommand(
        task, records, tuple(features), WireFormat(wire_format), settings.predict_chunk_rows
    )
    download = command.wire_format is WireFormat.CSV
    return await serve_stream(request, streams, lambda: use_case.execute(command), download=download)
