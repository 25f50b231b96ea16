"""The JSON kept beside a model's state: enough to rebuild its pipeline and to describe it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.specs import ModelSpec, TrainingRequest

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.json_value import JsonObject, JsonValue
    from spacetime_service.domain.ml.metrics import Metrics
    from spacetime_service.domain.ml.model_version import TrainedRange

METADATA_FORMAT = 1


def model_metadata(
    model_id: str, request: TrainingRequest, epoch_metrics: tuple[Metrics, ...], trained: TrainedRange
) -> JsonObject:
    epochs: list[JsonValue] = [dict(metrics.items()) for metrics in epoch_metrics]
    return {
        "format": METADATA_FORMAT,
        "model_id": model_id,
        "task": request.spec.task,
        "spec": request.spec.to_json(),
        "request": request.to_json(),
        "metrics": epochs[-1] if epochs else {},
        "epoch_metrics": epochs,
        "trained_range": {
            "first_id": trained.first_id,
            "last_id": trained.last_id,
            "trained_rows": trained.trained_rows,
            "validation_rows": trained.validation_rows,
        },
    }


def spec_of(metadata: JsonObject) -> ModelSpec:
    spec = metadata.get("spec")
    if metadata.get("format") != METADATA_FORMAT or not isinstance(spec, dict):
        raise InvalidInput("the model's metadata has an unknown format", field="model_id")
    return ModelSpec.from_json(spec)
