"""Port: builds an untrained model trainer for a spec."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from spacetime_service.application.ports.model_trainer import ModelTrainer
    from spacetime_service.domain.ml.specs import ModelSpec


@runtime_checkable
class ModelTrainerFactory(Protocol):
    def create(self, spec: ModelSpec) -> ModelTrainer:
        """A trainer for the spec's task and features, with nothing learnt yet."""
