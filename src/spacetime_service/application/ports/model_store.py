"""Port: where trained models and training checkpoints are kept, addressed by model id only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.json_value import JsonObject


@dataclass(frozen=True, slots=True)
class ModelArtifact:
    """A trained model: the trainer's state bytes and JSON metadata (its spec, metrics, data range)."""

    state: bytes
    metadata: JsonObject


@dataclass(frozen=True, slots=True)
class TrainingCheckpoint:
    """The trainer's state bytes and the JSON position they belong to; saved and loaded as one."""

    state: bytes
    position: JsonObject


@runtime_checkable
class ModelStore(Protocol):
    """Every load checks the state against the allow-list of types before anything is built from it,
    and raises UntrustedArtifact for a state that was altered or planted. Ids are checked with
    `require_model_id`; no path ever comes from a client."""

    def save_model(self, model_id: str, artifact: ModelArtifact) -> None:
        """Stores the model whole or not at all; saving the same id again replaces it."""

    def load_model(self, model_id: str) -> ModelArtifact:
        """The stored model; NotFound if there is none."""

    def delete_model(self, model_id: str) -> None:
        """Removes the model and its checkpoint; nothing happens if there is none."""

    def save_checkpoint(self, model_id: str, checkpoint: TrainingCheckpoint) -> None:
        """Replaces the model's checkpoint atomically: a crash leaves the old one or the new one whole."""

    def load_checkpoint(self, model_id: str) -> TrainingCheckpoint | None:
        """The latest checkpoint, or None."""

    def delete_checkpoint(self, model_id: str) -> None:
        """Removes the checkpoint; nothing happens if there is none."""
