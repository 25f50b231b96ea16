"""What a training run ends with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.domain.ml.metrics import Metrics
    from spacetime_service.domain.ml.model_version import TrainedRange


@dataclass(frozen=True, slots=True)
class TrainingOutcome:
    """`finished` is false when the run stopped on request; its checkpoint then waits for a resume.
    `metrics` are the last epoch's validation metrics."""

    finished: bool
    metrics: Metrics
    epoch_metrics: tuple[Metrics, ...]
    trained_range: TrainedRange | None
