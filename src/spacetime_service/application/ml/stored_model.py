"""What a saved model says about its training, for an attempt that finds the model already saved."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.ml.outcome import TrainingOutcome
from spacetime_service.domain.errors import Conflict, NotFound
from spacetime_service.domain.jobs.json_value import JsonValue, canonical_json
from spacetime_service.domain.ml.model_version import TrainedRange

if TYPE_CHECKING:
    from spacetime_service.application.ports.model_store import ModelStore
    from spacetime_service.domain.ml.metrics import Metrics
    from spacetime_service.domain.ml.specs import TrainingRequest


def stored_outcome(store: ModelStore, model_id: str, request: TrainingRequest) -> TrainingOutcome | None:
    """The finished outcome recorded in the saved model's metadata, or None when no model is saved.
    A model saved for another request is a Conflict: it is not this training's result."""
    try:
        metadata = store.load_model(model_id).metadata
    except NotFound:
        return None
    saved_request = metadata.get("request")
    if not isinstance(saved_request, dict) or canonical_json(saved_request) != canonical_json(
        request.to_json()
    ):
        raise Conflict(f"model {model_id} was saved for another training request")
    epochs = metadata.get("epoch_metrics")
    trained = metadata.get("trained_range")
    if not isinstance(epochs, list) or not isinstance(trained, dict):
        raise Conflict(f"model {model_id} was saved without its training's metrics")
    epoch_metrics = tuple(_metrics(epoch) for epoch in epochs)
    trained_range = TrainedRange(
        first_id=_int(trained.get("first_id")),
        last_id=_int(trained.get("last_id")),
        trained_rows=_int(trained.get("trained_rows")),
        validation_rows=_int(trained.get("validation_rows")),
    )
    last = epoch_metrics[-1] if epoch_metrics else {}
    return TrainingOutcome(True, last, epoch_metrics, trained_range)


def _metrics(value: JsonValue) -> Metrics:
    if not isinstance(value, dict):
        return {}
    return {name: float(number) for name, number in value.items() if isinstance(number, int | float)}


def _int(value: JsonValue) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise Conflict("the saved model's trained range is malformed")
    return value
