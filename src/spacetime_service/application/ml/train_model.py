"""Use case: ask for a model to be trained, as a checkpointed job."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.model_version import ModelVersion
from spacetime_service.domain.ml.training_job import TRAIN_MODEL_KIND, TrainingJobRequest

if TYPE_CHECKING:
    from spacetime_service.application.ports.model_registry import ModelRegistry
    from spacetime_service.application.ports.training_data import TrainingDataSource
    from spacetime_service.domain.jobs.job import Job


@dataclass(frozen=True, slots=True)
class TrainModelCommand:
    owner: str
    job: TrainingJobRequest
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class TrainModelResult:
    """`created` is False when the submission repeated an earlier one (same key, same request)."""

    job: Job
    version: ModelVersion
    created: bool

    @property
    def model_id(self) -> str:
        return self.version.id


class TrainModel:
    """A training runs as a `train_model` job; its model version is registered at once as `training`,
    under the job's id, and becomes `ready` (or `failed`) when the job ends. The request is checked
    before anything is stored: a known task, allowed features, bounded parameters, and a data range
    that holds records now. With an idempotency key, repeating the request returns the same job and
    model instead of training twice."""

    def __init__(self, submit_job: SubmitJob, registry: ModelRegistry, data: TrainingDataSource) -> None:
        self._submit_job = submit_job
        self._registry = registry
        self._data = data

    def execute(self, command: TrainModelCommand) -> TrainModelResult:
        training = command.job.training
        if self._data.upper_id(training.spec.task_rule.source, training.data_range) is None:
            raise InvalidInput("the data range holds no records to train on", field="data_range")
        submitted = self._submit_job.execute(
            SubmitJobCommand(TRAIN_MODEL_KIND, command.owner, command.job.to_json(), command.idempotency_key)
        )
        job = submitted.job
        # Registered after the job exists, since the job's id names the model; the handler registers it
        # too, so a crash between the two steps loses nothing.
        version = self._registry.register(ModelVersion(job.id, training, job.id, job.created_at, job.owner))
        return TrainModelResult(job, version, submitted.created)
