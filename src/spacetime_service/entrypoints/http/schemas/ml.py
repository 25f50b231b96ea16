"""Bodies of the ML endpoints: a training request in, model versions, their status and aliases out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from spacetime_service.application.encoding.wire import wire_time
from spacetime_service.application.ml.get_model import ModelDetails
from spacetime_service.application.ml.get_model_status import ModelTrainingStatus
from spacetime_service.application.ml.record_inputs import RecordQuery
from spacetime_service.domain.ml.aliases import ALIAS_PATTERN
from spacetime_service.domain.ml.features import FEATURES
from spacetime_service.domain.ml.model_version import MODEL_ID_PATTERN, ModelStatus, ModelVersion
from spacetime_service.domain.ml.specs import (
    MAX_CHUNK_ROWS,
    MAX_CLUSTERS,
    MAX_EPOCHS,
    MAX_SEED,
    MAX_VALIDATION_FRACTION,
    MIN_CHUNK_ROWS,
    MIN_CLUSTERS,
    DataRange,
    ModelSpec,
    TrainingRequest,
)
from spacetime_service.domain.ml.tasks import TASKS
from spacetime_service.domain.ml.training_job import TrainingJobRequest
from spacetime_service.domain.ranges import MAX_ID
from spacetime_service.entrypoints.http.query_params import each_one_of, matching, one_of
from spacetime_service.entrypoints.http.schemas.common import PageLinks
from spacetime_service.entrypoints.http.schemas.jobs import JobOut, job_out

_MOMENT = "ISO 8601 date-time with a timezone"


class TrainIn(BaseModel):
    """Checked by the domain's rules, so that an unknown task or feature is a 422 naming the allowed ones."""

    model_config = ConfigDict(extra="forbid")

    # The allow-lists and patterns are the domain's, shown in the document; the domain checks them, so
    # that a refusal names the allowed values.
    task: str = Field(examples=["order_returned"], json_schema_extra=one_of(list(TASKS)))
    features: list[str] = Field(
        default_factory=list,
        description="allow-listed per task; the task's defaults when empty",
        json_schema_extra=each_one_of(list(FEATURES)),
    )
    epochs: int = Field(1, ge=1, le=MAX_EPOCHS)
    chunk_rows: int = Field(
        10_000, ge=MIN_CHUNK_ROWS, le=MAX_CHUNK_ROWS, description="records in memory at a time"
    )
    checkpoint_every: int = Field(10, ge=1, description="chunks between checkpoints")
    validation_fraction: float = Field(
        0.1, gt=0, le=MAX_VALIDATION_FRACTION, description="share of rows held out"
    )
    seed: int = Field(
        0, ge=0, le=MAX_SEED, description="fixes the split and the shuffling: one seed, one model"
    )
    alpha: float = Field(1e-4, gt=0, le=1, description="regularisation")
    clusters: int = Field(8, ge=MIN_CLUSTERS, le=MAX_CLUSTERS, description="k of product_segments")
    created_from: datetime | None = Field(None, description=f"inclusive; {_MOMENT}")
    created_to: datetime | None = Field(None, description=f"exclusive; {_MOMENT}")
    alias: str | None = Field(
        None,
        examples=["production"],
        description="pointed at the model once it is ready",
        json_schema_extra=matching(ALIAS_PATTERN),
    )

    def to_job(self) -> TrainingJobRequest:
        spec = ModelSpec(self.task, tuple(self.features), self.seed, self.alpha, self.clusters)
        training = TrainingRequest(
            spec=spec,
            data_range=DataRange(self.created_from, self.created_to),
            epochs=self.epochs,
            validation_fraction=self.validation_fraction,
            chunk_rows=self.chunk_rows,
            checkpoint_every=self.checkpoint_every,
        )
        return TrainingJobRequest(training, self.alias)


class RecordQueryIn(BaseModel):
    """Stored records of the task's source (orders, or products for product_segments)."""

    model_config = ConfigDict(extra="forbid")

    created_from: datetime | None = Field(None, description=f"inclusive; {_MOMENT}")
    created_to: datetime | None = Field(None, description=f"exclusive; {_MOMENT}")
    min_id: int | None = Field(None, ge=1, le=MAX_ID, description="inclusive")
    max_id: int | None = Field(None, ge=1, le=MAX_ID, description="inclusive")

    def to_query(self) -> RecordQuery:
        return RecordQuery(self.created_from, self.created_to, self.min_id, self.max_id)


class QueryBodyIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    query: RecordQueryIn


class ModelOut(BaseModel):
    id: str
    task: str
    status: ModelStatus
    job_id: str | None
    request: dict[str, Any] = Field(description="the training request: spec, data range, epochs, ...")
    metrics: dict[str, float] = Field(description="validation metrics of the last epoch")
    epoch_metrics: list[dict[str, float]]
    trained_range: dict[str, int] | None = Field(
        description="first and last id trained on, rows trained and held out"
    )
    aliases: list[str] = Field(default_factory=list)
    error: str | None
    created_at: str
    finished_at: str | None


class ModelPageOut(BaseModel):
    items: list[ModelOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")
    links: PageLinks


class ModelStatusOut(BaseModel):
    model_id: str
    status: ModelStatus
    epoch: int | None = Field(description="the epoch being trained, from 1; null before the first report")
    epochs: int
    phase: str | None = Field(examples=["training", "validating"])
    metrics: dict[str, float] = Field(description="validation metrics of the last finished epoch")
    job: JobOut | None = Field(description="the training job: progress in rows over all passes, and ETA")


class TrainAcceptedOut(BaseModel):
    model_id: str
    model: ModelOut
    job: JobOut


class AliasIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model_id: str = Field(json_schema_extra=matching(MODEL_ID_PATTERN))


class AliasOut(BaseModel):
    task: str
    name: str
    model_id: str


def model_out(version: ModelVersion, aliases: list[str] | None = None) -> ModelOut:
    trained = version.trained_range
    return ModelOut(
        id=version.id,
        task=version.task,
        status=version.status,
        job_id=version.job_id,
        request=dict(version.request.to_json()),
        metrics=dict(version.metrics),
        epoch_metrics=[dict(epoch) for epoch in version.epoch_metrics],
        trained_range=None
        if trained is None
        else {
            "first_id": trained.first_id,
            "last_id": trained.last_id,
            "trained_rows": trained.trained_rows,
            "validation_rows": trained.validation_rows,
        },
        aliases=aliases or [],
        error=version.error,
        created_at=wire_time(version.created_at),
        finished_at=None if version.finished_at is None else wire_time(version.finished_at),
    )


def details_out(details: ModelDetails) -> ModelOut:
    return model_out(details.version, [alias.name for alias in details.aliases])


def status_out(status: ModelTrainingStatus) -> ModelStatusOut:
    training = status.training
    version = status.version
    metrics = training.metrics if training is not None else dict(version.metrics)
    return ModelStatusOut(
        model_id=version.id,
        status=version.status,
        epoch=None if training is None else training.epoch,
        epochs=version.request.epochs,
        phase=None if training is None else training.phase,
        metrics=dict(metrics),
        job=None if status.job is None else job_out(status.job),
    )
