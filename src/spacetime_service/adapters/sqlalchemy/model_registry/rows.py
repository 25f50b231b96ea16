"""Model versions to rows and back; the JSON columns hold the domain's own `to_json` shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacetime_service.domain.ml.aliases import ModelAlias
from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion, TrainedRange
from spacetime_service.domain.ml.specs import TrainingRequest

if TYPE_CHECKING:
    from datetime import datetime

    from sqlalchemy import Row

    from spacetime_service.domain.jobs.json_value import JsonObject, JsonValue
    from spacetime_service.domain.ml.metrics import Metrics


def row_of_version(version: ModelVersion, now: datetime) -> dict[str, Any]:
    """Every column of the version's row; `now` is its updated_at."""
    return {
        "id": version.id,
        "owner": version.owner,
        "task": version.task,
        "status": version.status.value,
        "request": version.request.to_json(),
        "metrics": dict(version.metrics),
        "epoch_metrics": [dict(epoch) for epoch in version.epoch_metrics],
        "trained_range": _range_json(version.trained_range),
        "job_id": version.job_id,
        "error": version.error,
        "created_at": version.created_at,
        "updated_at": now,
        "finished_at": version.finished_at,
    }


def version_of_row(row: Row[Any]) -> ModelVersion:
    trained = row.trained_range
    return ModelVersion(
        id=row.id,
        request=TrainingRequest.from_json(row.request),
        job_id=row.job_id,
        created_at=row.created_at,
        owner=row.owner,
        status=ModelStatus(row.status),
        metrics=_metrics(row.metrics),
        epoch_metrics=tuple(_metrics(epoch) for epoch in row.epoch_metrics),
        trained_range=None if trained is None else TrainedRange(**trained),
        finished_at=row.finished_at,
        error=row.error,
    )


def alias_of_row(row: Row[Any]) -> ModelAlias:
    return ModelAlias(owner=row.owner, task=row.task, name=row.name, model_id=row.model_id)


def _range_json(trained: TrainedRange | None) -> JsonObject | None:
    if trained is None:
        return None
    return {
        "first_id": trained.first_id,
        "last_id": trained.last_id,
        "trained_rows": trained.trained_rows,
        "validation_rows": trained.validation_rows,
    }


def _metrics(value: JsonValue) -> Metrics:
    assert isinstance(value, dict), "metrics are stored as JSON objects"
    return {name: float(number) for name, number in value.items() if isinstance(number, int | float)}
