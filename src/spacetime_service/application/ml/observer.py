"""How a training run reports progress and learns that it should stop (a cancel, a lost lease)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from spacetime_service.application.ml.position import TrainingPhase


@dataclass(frozen=True, slots=True)
class TrainingProgress:
    """`done` of `total` records read over all passes (each epoch reads the data twice: once to train,
    once to validate); `checkpointed` is true right after a checkpoint was saved."""

    epoch: int
    epochs: int
    phase: TrainingPhase
    done: int
    total: int
    checkpointed: bool


class TrainingObserver(Protocol):
    def progress(self, progress: TrainingProgress) -> None:
        """Called after every chunk."""

    def should_stop(self) -> bool:
        """Asked after every chunk; true makes the run save a checkpoint and return unfinished."""


class SilentObserver:
    """Runs to the end and reports nothing."""

    def progress(self, progress: TrainingProgress) -> None:  # noqa: ARG002 - silent by design
        return None

    def should_stop(self) -> bool:
        return False
