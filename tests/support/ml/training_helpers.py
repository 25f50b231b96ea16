"""Observers that stop or crash a training run at a chosen chunk, and a look inside a stored model."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from spacetime_service.adapters.sklearn import skops_format

if TYPE_CHECKING:
    from spacetime_service.application.ml.observer import TrainingProgress
    from spacetime_service.application.ports.model_store import ModelStore


class SimulatedCrash(Exception):  # noqa: N818 - stands for a process dying, not an error
    """Stands for the process dying: nothing after it runs, no checkpoint is written for it."""


@dataclass
class StopAfter:
    """Asks the run to stop after `chunks` chunks (counted over every pass)."""

    chunks: int
    seen: list[TrainingProgress] = field(default_factory=list)

    def progress(self, progress: TrainingProgress) -> None:
        self.seen.append(progress)

    def should_stop(self) -> bool:
        return len(self.seen) >= self.chunks


@dataclass
class CrashAfter:
    """Raises SimulatedCrash after `chunks` chunks, before the run can save anything more."""

    chunks: int
    seen: int = 0

    def progress(self, progress: TrainingProgress) -> None:  # noqa: ARG002
        self.seen += 1
        if self.seen >= self.chunks:
            raise SimulatedCrash

    def should_stop(self) -> bool:
        return False


def stored_state(store: ModelStore, model_id: str) -> dict[str, Any]:
    loaded = skops_format.loads(store.load_model(model_id).state)
    assert isinstance(loaded, dict)
    return loaded


def learnt_arrays(store: ModelStore, model_id: str) -> dict[str, Any]:
    """Every learnt number of a stored model: coefficients or centres, step counters, scaling."""
    state = stored_state(store, model_id)
    estimator, scaler = state["estimator"], state["scaler"]
    names = ("coef_", "intercept_", "t_", "cluster_centers_", "_counts", "n_steps_")
    arrays = {name: getattr(estimator, name) for name in names if hasattr(estimator, name)}
    if scaler is not None:
        arrays |= {"mean_": scaler.mean_, "var_": scaler.var_, "n_samples_seen_": scaler.n_samples_seen_}
    return arrays
