"""Training requests as the ML features make them: small chunks and frequent checkpoints, so that a
few thousand orders make a job of several chunks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.ml.train_model import TrainModelCommand
from spacetime_service.domain.ml.specs import ModelSpec, TrainingRequest
from spacetime_service.domain.ml.training_job import TrainingJobRequest

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer

OWNER = "features"


def training_request(task: str, epochs: int, features: tuple[str, ...] = ()) -> TrainingRequest:
    return TrainingRequest(
        ModelSpec(task, features, seed=5), epochs=epochs, chunk_rows=100, checkpoint_every=2
    )


def train(container: RootContainer, request: TrainingRequest, alias: str | None = None) -> str:
    """Submits the training job; its id names the model version."""
    command = TrainModelCommand(OWNER, TrainingJobRequest(request, alias))
    model_id: str = container.ml.train_model().execute(command).model_id
    return model_id
