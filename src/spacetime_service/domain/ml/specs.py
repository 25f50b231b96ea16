"""What to train: the model's spec (enough to rebuild its pipeline) and the run's parameters.

Both travel as JSON (job requests, model metadata), so each has a checked `from_json` and a `to_json`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.json_fields import (
    optional_moment,
    require_float,
    require_int,
    require_str,
    require_str_list,
)
from spacetime_service.domain.ml.tasks import Task, TaskKind, require_task
from spacetime_service.domain.ranges import require_period

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.domain.jobs.json_value import JsonObject

MAX_EPOCHS = 50
MIN_CHUNK_ROWS, MAX_CHUNK_ROWS = 100, 100_000
MAX_VALIDATION_FRACTION = 0.5
MIN_CLUSTERS, MAX_CLUSTERS = 2, 64
MAX_SEED = 2**32 - 1


@dataclass(frozen=True, slots=True)
class ModelSpec:
    """The task, the features in allow-list order, the seed and the estimator's settings."""

    task: str
    features: tuple[str, ...] = ()
    seed: int = 0
    alpha: float = 1e-4
    clusters: int = 8

    def __post_init__(self) -> None:
        task = require_task(self.task)
        object.__setattr__(self, "features", task.require_features(self.features))
        if not 0 <= self.seed <= MAX_SEED:
            raise InvalidInput("seed must be between 0 and 2**32 - 1", field="seed")
        if not 0 < self.alpha <= 1:
            raise InvalidInput("alpha must be in (0, 1]", field="alpha")
        if not MIN_CLUSTERS <= self.clusters <= MAX_CLUSTERS:
            raise InvalidInput(
                f"clusters must be between {MIN_CLUSTERS} and {MAX_CLUSTERS}", field="clusters"
            )

    @property
    def task_rule(self) -> Task:
        return require_task(self.task)

    def to_json(self) -> JsonObject:
        body: JsonObject = {"task": self.task, "features": list(self.features), "seed": self.seed}
        body["alpha"] = self.alpha
        if self.task_rule.kind is TaskKind.CLUSTERING:
            body["clusters"] = self.clusters
        return body

    @classmethod
    def from_json(cls, body: JsonObject) -> ModelSpec:
        return cls(
            task=require_str(body, "task"),
            features=tuple(require_str_list(body, "features", default=[])),
            seed=require_int(body, "seed", default=0),
            alpha=require_float(body, "alpha", default=1e-4),
            clusters=require_int(body, "clusters", default=8),
        )


@dataclass(frozen=True, slots=True)
class DataRange:
    """Records created in [created_from, created_to); None leaves that side open."""

    created_from: datetime | None = None
    created_to: datetime | None = None

    def __post_init__(self) -> None:
        require_period(self.created_from, self.created_to)

    def to_json(self) -> JsonObject:
        return {
            "created_from": self.created_from.isoformat() if self.created_from else None,
            "created_to": self.created_to.isoformat() if self.created_to else None,
        }

    @classmethod
    def from_json(cls, body: JsonObject) -> DataRange:
        return cls(optional_moment(body, "created_from"), optional_moment(body, "created_to"))


@dataclass(frozen=True, slots=True)
class TrainingRequest:
    """A training run: `chunk_rows` records in memory at a time, a checkpoint every `checkpoint_every`
    chunks, and rows whose id hashes below `validation_fraction` held out for the per-epoch metrics."""

    spec: ModelSpec
    data_range: DataRange = field(default_factory=DataRange)
    epochs: int = 1
    validation_fraction: float = 0.1
    chunk_rows: int = 10_000
    checkpoint_every: int = 10

    def __post_init__(self) -> None:
        if not 1 <= self.epochs <= MAX_EPOCHS:
            raise InvalidInput(f"epochs must be between 1 and {MAX_EPOCHS}", field="epochs")
        if not 0 < self.validation_fraction <= MAX_VALIDATION_FRACTION:
            raise InvalidInput(
                f"validation_fraction must be in (0, {MAX_VALIDATION_FRACTION}]", field="validation_fraction"
            )
        if not MIN_CHUNK_ROWS <= self.chunk_rows <= MAX_CHUNK_ROWS:
            raise InvalidInput(
                f"chunk_rows must be between {MIN_CHUNK_ROWS} and {MAX_CHUNK_ROWS}", field="chunk_rows"
            )
        if self.checkpoint_every < 1:
            raise InvalidInput("checkpoint_every must be at least 1", field="checkpoint_every")

    def to_json(self) -> JsonObject:
        return {
            "spec": self.spec.to_json(),
            "data_range": self.data_range.to_json(),
            "epochs": self.epochs,
            "validation_fraction": self.validation_fraction,
            "chunk_rows": self.chunk_rows,
            "checkpoint_every": self.checkpoint_every,
        }

    @classmethod
    def from_json(cls, body: JsonObject) -> TrainingRequest:
        spec, data_range = body.get("spec"), body.get("data_range", {})
        if not isinstance(spec, dict) or not isinstance(data_range, dict):
            raise InvalidInput("spec and data_range must be JSON objects", field="spec")
        return cls(
            spec=ModelSpec.from_json(spec),
            data_range=DataRange.from_json(data_range),
            epochs=require_int(body, "epochs", default=1),
            validation_fraction=require_float(body, "validation_fraction", default=0.1),
            chunk_rows=require_int(body, "chunk_rows", default=10_000),
            checkpoint_every=require_int(body, "checkpoint_every", default=10),
        )
