"""A model version: one training run's result, from request to a ready (or failed) model.

Status machine: training -> ready | failed; ready -> archived. Only a ready version serves predictions
or takes an alias. A version belongs to the owner of its training job, and only that owner sees it.
Metrics and the trained data's id range are set once, when it becomes ready.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import Conflict, InvalidInput

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.domain.ml.metrics import Metrics
    from spacetime_service.domain.ml.specs import TrainingRequest

MODEL_ID_PATTERN = r"[a-z0-9][a-z0-9_-]{0,63}"
_MODEL_ID = re.compile(MODEL_ID_PATTERN)


def require_model_id(value: str) -> str:
    """Lower-case letters, digits, `-` and `_`, at most 64: safe as a file name and in a URL."""
    if not _MODEL_ID.fullmatch(value):
        raise InvalidInput("a model id has 1 to 64 characters among a-z 0-9 - _", field="model_id")
    return value


class ModelStatus(StrEnum):
    TRAINING = "training"
    READY = "ready"
    FAILED = "failed"
    ARCHIVED = "archived"


_NEXT: dict[ModelStatus, frozenset[ModelStatus]] = {
    ModelStatus.TRAINING: frozenset({ModelStatus.READY, ModelStatus.FAILED}),
    ModelStatus.READY: frozenset({ModelStatus.ARCHIVED}),
    ModelStatus.FAILED: frozenset(),
    ModelStatus.ARCHIVED: frozenset(),
}


@dataclass(frozen=True, slots=True)
class TrainedRange:
    """Ids of the first and last record trained on, and how many rows were trained and held out."""

    first_id: int
    last_id: int
    trained_rows: int
    validation_rows: int


@dataclass(frozen=True, slots=True)
class ModelVersion:
    id: str
    request: TrainingRequest
    job_id: str | None
    created_at: datetime
    owner: str
    status: ModelStatus = ModelStatus.TRAINING
    metrics: Metrics = field(default_factory=dict)
    epoch_metrics: tuple[Metrics, ...] = ()
    trained_range: TrainedRange | None = None
    finished_at: datetime | None = None
    error: str | None = None

    def __post_init__(self) -> None:
        require_model_id(self.id)

    @property
    def task(self) -> str:
        return self.request.spec.task

    def _moved_to(self, target: ModelStatus) -> None:
        if target not in _NEXT[self.status]:
            raise Conflict(f"a {self.status} model cannot become {target}")

    def ready(
        self, metrics: Metrics, epoch_metrics: tuple[Metrics, ...], trained: TrainedRange, at: datetime
    ) -> ModelVersion:
        self._moved_to(ModelStatus.READY)
        return replace(
            self,
            status=ModelStatus.READY,
            metrics=dict(metrics),
            epoch_metrics=epoch_metrics,
            trained_range=trained,
            finished_at=at,
        )

    def failed(self, error: str, at: datetime) -> ModelVersion:
        self._moved_to(ModelStatus.FAILED)
        return replace(self, status=ModelStatus.FAILED, error=error, finished_at=at)

    def archived(self) -> ModelVersion:
        self._moved_to(ModelStatus.ARCHIVED)
        return replace(self, status=ModelStatus.ARCHIVED)

    def require_ready(self) -> ModelVersion:
        if self.status is not ModelStatus.READY:
            raise Conflict(f"model {self.id} is {self.status}, not ready")
        return self
