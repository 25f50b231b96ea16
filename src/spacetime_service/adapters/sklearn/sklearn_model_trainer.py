"""ModelTrainer on scikit-learn: the feature pipeline, a StandardScaler and an incremental estimator.

Its state is one skops file holding the estimator and the scaler; the pipeline's other parts are
rebuilt from the spec, since they learn nothing. Restoring checks the file against the allow-list.
Each fit and prediction of a chunk is a span (`model.fit`, `model.predict`) with the chunk's records.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from opentelemetry import trace
from sklearn.preprocessing import StandardScaler

from spacetime_service.adapters.sklearn import skops_format
from spacetime_service.adapters.sklearn.estimators import (
    ESTIMATOR_TYPES,
    answers,
    learn,
    new_estimator,
    tally,
)
from spacetime_service.adapters.sklearn.feature_pipeline import SklearnFeaturePipeline
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.errors import UntrustedArtifact
from spacetime_service.domain.ml.tasks import TaskKind

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.adapters.sklearn.column_encoders import FloatArray
    from spacetime_service.domain.ml.metrics import Tally
    from spacetime_service.domain.ml.records import RecordChunk
    from spacetime_service.domain.ml.specs import ModelSpec


_tracer = trace.get_tracer("spacetime_service.ml")


class SklearnModelTrainer:
    def __init__(self, spec: ModelSpec) -> None:
        self._spec = spec
        self._task = spec.task_rule
        self._pipeline = SklearnFeaturePipeline(spec.features)
        self._estimator = new_estimator(spec)
        self._scaler: StandardScaler | None = StandardScaler() if self._pipeline.numeric else None
        self._fitted = False

    @property
    def fitted(self) -> bool:
        return self._fitted

    def _labels(self, chunk: RecordChunk) -> FloatArray | None:
        if self._task.target is None:
            return None
        values = chunk.columns[self._task.target]
        # Targets repeat (a status, a quantity): each distinct one is labelled once, not once per row.
        labels = {value: self._task.label(value) for value in set(values)}
        return np.fromiter(map(labels.__getitem__, values), dtype=np.float64, count=len(values))

    def partial_fit(self, chunk: RecordChunk, *, shuffle_seed: int, learn_scaling: bool) -> None:
        if self._task.kind is TaskKind.CLUSTERING and not self._fitted and len(chunk) < self._spec.clusters:
            raise InvalidInput(
                f"the first chunk has {len(chunk)} records, fewer than the {self._spec.clusters} clusters",
                field="clusters",
            )
        with _tracer.start_as_current_span("model.fit", attributes=self._span_attributes(chunk)):
            numeric = None
            if learn_scaling and self._scaler is not None:
                numeric = self._pipeline.numeric_block(chunk)
                self._scaler.partial_fit(numeric)
            features = self._pipeline.matrix(chunk, self._scaler, numeric)
            learn(self._estimator, features, self._labels(chunk), shuffle_seed)
        self._fitted = True

    def evaluate(self, chunk: RecordChunk) -> Tally:
        return tally(self._estimator, self._pipeline.matrix(chunk, self._scaler), self._labels(chunk))

    def predict(self, chunk: RecordChunk) -> Sequence[float]:
        if not self._fitted:
            raise InvalidInput("the model has learnt nothing yet", field="model_id")
        with _tracer.start_as_current_span("model.predict", attributes=self._span_attributes(chunk)):
            return answers(self._estimator, self._pipeline.matrix(chunk, self._scaler)).tolist()  # type: ignore[no-any-return]

    def _span_attributes(self, chunk: RecordChunk) -> dict[str, str | int]:
        return {"spacetime.model.task": self._task.kind.value, "spacetime.model.records": len(chunk)}

    def state(self) -> bytes:
        return skops_format.dumps(
            {"estimator": self._estimator, "scaler": self._scaler, "fitted": self._fitted}
        )

    def restore(self, state: bytes) -> None:
        loaded = skops_format.loads(state)
        expected = ESTIMATOR_TYPES[self._task.kind]
        if not isinstance(loaded, dict) or not isinstance(loaded.get("estimator"), expected):
            raise UntrustedArtifact(f"the stored state does not hold a {expected.__name__}")
        scaler = loaded.get("scaler")
        if (scaler is None) != (self._scaler is None) or not isinstance(scaler, StandardScaler | None):
            raise UntrustedArtifact("the stored state's scaler does not match the model's features")
        self._estimator, self._scaler = loaded["estimator"], scaler
        self._fitted = loaded.get("fitted") is True


class SklearnModelTrainerFactory:
    def create(self, spec: ModelSpec) -> SklearnModelTrainer:
        return SklearnModelTrainer(spec)
