"""The incremental estimator of each task kind, and how each scores a chunk for validation."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from sklearn.cluster import MiniBatchKMeans
from sklearn.linear_model import SGDClassifier, SGDRegressor

from spacetime_service.domain.ml.metrics import (
    AUC_BINS,
    ClassificationTally,
    ClusteringTally,
    RegressionTally,
    Tally,
)
from spacetime_service.domain.ml.tasks import TaskKind

if TYPE_CHECKING:
    from spacetime_service.adapters.sklearn.column_encoders import FloatArray
    from spacetime_service.adapters.sklearn.sparse_matrices import Estimator, SparseMatrix
    from spacetime_service.domain.ml.specs import ModelSpec

ESTIMATOR_TYPES = {
    TaskKind.CLASSIFICATION: SGDClassifier,
    TaskKind.REGRESSION: SGDRegressor,
    TaskKind.CLUSTERING: MiniBatchKMeans,
}
_EPSILON = 1e-15


def new_estimator(spec: ModelSpec) -> Estimator:
    """SGD shuffles each chunk with the seed given to `partial_fit`; k-means draws from its own
    RandomState, seeded once and saved with it."""
    kind = spec.task_rule.kind
    if kind is TaskKind.CLASSIFICATION:
        # A step size that shrinks only on stalls: the default `optimal` steps are too large for the first
        # chunks of noisy labels, and `partial_fit` never sees a whole epoch to shrink them.
        return SGDClassifier(
            loss="log_loss",
            alpha=spec.alpha,
            learning_rate="adaptive",
            eta0=0.01,
            shuffle=True,
            random_state=spec.seed,
        )
    if kind is TaskKind.REGRESSION:
        return SGDRegressor(alpha=spec.alpha, shuffle=True, random_state=spec.seed)
    return MiniBatchKMeans(n_clusters=spec.clusters, n_init=1, random_state=spec.seed)


def learn(estimator: Estimator, features: SparseMatrix, labels: FloatArray | None, seed: int) -> None:
    if isinstance(estimator, SGDClassifier):
        estimator.set_params(random_state=seed)
        estimator.partial_fit(features, labels, classes=np.array([0.0, 1.0]))
    elif isinstance(estimator, SGDRegressor):
        estimator.set_params(random_state=seed)
        estimator.partial_fit(features, labels)
    else:
        estimator.partial_fit(features)


def answers(estimator: Estimator, features: SparseMatrix) -> FloatArray:
    if isinstance(estimator, SGDClassifier):
        return np.asarray(estimator.predict_proba(features)[:, 1], dtype=np.float64)
    return np.asarray(estimator.predict(features), dtype=np.float64)


def tally(estimator: Estimator, features: SparseMatrix, labels: FloatArray | None) -> Tally:
    if isinstance(estimator, MiniBatchKMeans):
        distances = estimator.transform(features).min(axis=1)
        return ClusteringTally(rows=features.shape[0], inertia_sum=float(np.sum(distances**2)))
    assert labels is not None
    predicted = answers(estimator, features)
    if isinstance(estimator, SGDRegressor):
        errors = predicted - labels
        return RegressionTally(
            rows=len(labels),
            absolute_error_sum=float(np.abs(errors).sum()),
            squared_error_sum=float((errors**2).sum()),
            target_sum=float(labels.sum()),
            target_squared_sum=float((labels**2).sum()),
        )
    return _classification_tally(predicted, labels)


def _classification_tally(probability: FloatArray, labels: FloatArray) -> ClassificationTally:
    positive = labels == 1.0
    clipped = np.clip(probability, _EPSILON, 1 - _EPSILON)
    losses = -np.where(positive, np.log(clipped), np.log(1 - clipped))
    bins = np.minimum((probability * AUC_BINS).astype(np.int64), AUC_BINS - 1)
    return ClassificationTally(
        rows=len(labels),
        correct=int(((probability >= 0.5) == positive).sum()),
        log_loss_sum=float(losses.sum()),
        positives=np.bincount(bins[positive], minlength=AUC_BINS).tolist(),
        negatives=np.bincount(bins[~positive], minlength=AUC_BINS).tolist(),
    )
