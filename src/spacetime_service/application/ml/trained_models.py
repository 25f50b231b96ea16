"""Loads a stored model into a ready trainer: the spec from its metadata, the state checked and restored."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.ml.model_metadata import spec_of
from spacetime_service.domain.ml.model_version import require_model_id

if TYPE_CHECKING:
    from spacetime_service.application.ports.model_store import ModelStore
    from spacetime_service.application.ports.model_trainer import ModelTrainer
    from spacetime_service.application.ports.model_trainer_factory import ModelTrainerFactory
    from spacetime_service.domain.jobs.json_value import JsonObject
    from spacetime_service.domain.ml.specs import ModelSpec


@dataclass(frozen=True, slots=True)
class TrainedModel:
    model_id: str
    spec: ModelSpec
    trainer: ModelTrainer
    metadata: JsonObject


def load_trained_model(store: ModelStore, trainers: ModelTrainerFactory, model_id: str) -> TrainedModel:
    """NotFound when the model does not exist; UntrustedArtifact when its stored state was tampered with."""
    artifact = store.load_model(require_model_id(model_id))
    spec = spec_of(artifact.metadata)
    trainer = trainers.create(spec)
    trainer.restore(artifact.state)
    return TrainedModel(model_id, spec, trainer, artifact.metadata)
