"""ModelStore in memory, for use-case tests; it checks states against the same allow-list as the real
store, and passes the same contract suite."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from spacetime_service.adapters.sklearn.skops_format import require_allowed
from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.ml.model_version import require_model_id

if TYPE_CHECKING:
    from spacetime_service.application.ports.model_store import ModelArtifact, TrainingCheckpoint


class InMemoryModelStore:
    def __init__(self) -> None:
        self.models: dict[str, ModelArtifact] = {}
        self.checkpoints: dict[str, TrainingCheckpoint] = {}
        self.checkpoint_saves = 0

    def save_model(self, model_id: str, artifact: ModelArtifact) -> None:
        require_allowed(artifact.state)
        self.models[require_model_id(model_id)] = copy.deepcopy(artifact)

    def load_model(self, model_id: str) -> ModelArtifact:
        artifact = self.models.get(require_model_id(model_id))
        if artifact is None:
            raise NotFound(f"model {model_id} does not exist")
        require_allowed(artifact.state)
        return copy.deepcopy(artifact)

    def delete_model(self, model_id: str) -> None:
        self.models.pop(require_model_id(model_id), None)
        self.checkpoints.pop(model_id, None)

    def save_checkpoint(self, model_id: str, checkpoint: TrainingCheckpoint) -> None:
        require_allowed(checkpoint.state)
        self.checkpoints[require_model_id(model_id)] = copy.deepcopy(checkpoint)
        self.checkpoint_saves += 1

    def load_checkpoint(self, model_id: str) -> TrainingCheckpoint | None:
        checkpoint = self.checkpoints.get(require_model_id(model_id))
        if checkpoint is not None:
            require_allowed(checkpoint.state)
        return copy.deepcopy(checkpoint)

    def delete_checkpoint(self, model_id: str) -> None:
        self.checkpoints.pop(require_model_id(model_id), None)
