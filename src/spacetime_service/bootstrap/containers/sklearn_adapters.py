"""The scikit-learn adapters, built on first use: importing scikit-learn, SciPy and skops costs several
seconds, which every API, CLI and worker process would otherwise pay at start-up (the job handlers are
built when the runner starts) even when it never trains or predicts."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

from spacetime_service.application.ports.feature_extractor import FeatureExtractor
from spacetime_service.application.ports.model_store import ModelStore
from spacetime_service.application.ports.model_trainer_factory import ModelTrainerFactory

T = TypeVar("T")


class _Deferred:
    """Stands in for an adapter and builds it on the first attribute looked up."""

    def __init__(self, build: Callable[[], object]) -> None:
        self._build = build
        self._target: object | None = None
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        with self._lock:
            if self._target is None:
                self._target = self._build()
        return getattr(self._target, name)


def _deferred(build: Callable[[], T]) -> T:
    return cast(T, _Deferred(build))


def skops_model_store(root: Path) -> ModelStore:
    def build() -> ModelStore:
        from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore

        return SkopsModelStore(root)

    return _deferred(build)


def sklearn_trainer_factory() -> ModelTrainerFactory:
    def build() -> ModelTrainerFactory:
        from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainerFactory

        return SklearnModelTrainerFactory()

    return _deferred(build)


def sklearn_feature_extractor() -> FeatureExtractor:
    def build() -> FeatureExtractor:
        from spacetime_service.adapters.sklearn.sklearn_feature_extractor import SklearnFeatureExtractor

        return SklearnFeatureExtractor()

    return _deferred(build)
