"""The request of a `train_model` job: the training request and the alias to point when it is ready.

The job's id is the model's id, so a retried submission (same idempotency key, same request) names
the same model, and the request needs no id of its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.aliases import require_alias_name
from spacetime_service.domain.ml.specs import TrainingRequest

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.json_value import JsonObject
    from spacetime_service.domain.ml.metrics import Metrics

TRAIN_MODEL_KIND = "train_model"


@dataclass(frozen=True, slots=True)
class TrainingJobRequest:
    training: TrainingRequest
    alias: str | None = None

    def __post_init__(self) -> None:
        if self.alias is not None:
            require_alias_name(self.alias)

    def to_json(self) -> JsonObject:
        return {"training": self.training.to_json(), "alias": self.alias}

    @classmethod
    def from_json(cls, body: JsonObject) -> TrainingJobRequest:
        training, alias = body.get("training"), body.get("alias")
        if not isinstance(training, dict):
            raise InvalidInput("training must be a JSON object", field="training")
        if alias is not None and not isinstance(alias, str):
            raise InvalidInput("alias must be a string", field="alias")
        return cls(TrainingRequest.from_json(training), alias)


@dataclass(frozen=True, slots=True)
class TrainingJobProgress:
    """What a training job records with its progress: the epoch (1-based) and phase it is in, and the
    validation metrics of the last finished epoch (empty before the first one ends)."""

    epoch: int
    epochs: int
    phase: str
    metrics: Metrics

    def to_json(self) -> JsonObject:
        return {
            "epoch": self.epoch,
            "epochs": self.epochs,
            "phase": self.phase,
            "metrics": dict(self.metrics),
        }

    @classmethod
    def from_json(cls, body: JsonObject | None) -> TrainingJobProgress | None:
        """None when the job has recorded nothing yet (or something else)."""
        if body is None:
            return None
        epoch, epochs, phase, metrics = (body.get(key) for key in ("epoch", "epochs", "phase", "metrics"))
        if not (isinstance(epoch, int) and isinstance(epochs, int) and isinstance(phase, str)):
            return None
        if not isinstance(metrics, dict):
            return None
        numbers = {name: float(value) for name, value in metrics.items() if isinstance(value, int | float)}
        return cls(epoch, epochs, phase, numbers)
