"""Skops states for the model store's tests: one the store must accept, some it must refuse."""

from __future__ import annotations

import skops.io as sio
from sklearn.linear_model import LogisticRegression

from spacetime_service.adapters.sklearn.sklearn_model_trainer import SklearnModelTrainer
from spacetime_service.domain.ml.specs import ModelSpec


def trusted_state() -> bytes:
    return SklearnModelTrainer(ModelSpec("order_returned", ("quantity",))).state()


def state_with_another_estimator() -> bytes:
    """A scikit-learn estimator that skops trusts by default but this service never stores."""
    return bytes(sio.dumps({"estimator": LogisticRegression(), "scaler": None}))


def state_with_a_function() -> bytes:
    """A state whose loading would call into `os`: the classic payload of a planted model file."""
    import os

    return bytes(sio.dumps({"estimator": os.system, "scaler": None}))
