"""Use case: a model version's training status, read from its job record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.ml.get_model import GetModel
from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion
from spacetime_service.domain.ml.training_job import TrainingJobProgress

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.application.ports.model_registry import ModelRegistry
    from spacetime_service.domain.jobs.job import Job


@dataclass(frozen=True, slots=True)
class ModelTrainingStatus:
    """The version, its job (progress, ETA), and while the version trains, what the job last recorded."""

    version: ModelVersion
    job: Job | None
    training: TrainingJobProgress | None


class GetModelStatus:
    """A version's status with its training job's progress, ETA, epoch and the metrics of the last
    finished epoch, read from the job record; NotFound when the version does not exist or, given an
    owner, is another owner's."""

    def __init__(self, registry: ModelRegistry, jobs: JobRepository, clock: Clock) -> None:
        self._get_model = GetModel(registry, jobs, clock)

    def execute(self, model_id: str, owner: str | None = None) -> ModelTrainingStatus:
        version, job = self._get_model.with_job(model_id, owner)
        # Only a version still training shows its job's snapshot: once it is ready (or failed) its own
        # metrics are the answer, even while the job record still holds its last training checkpoint.
        training = (
            TrainingJobProgress.from_json(job.checkpoint)
            if job is not None and version.status is ModelStatus.TRAINING
            else None
        )
        return ModelTrainingStatus(version, job, training)
