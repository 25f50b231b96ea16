"""Use cases of the model registry: list versions, read one, follow its training, point an alias."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from spacetime_service.application.ml.abandoned_versions import settled
from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.application.ports.clock import Clock
from spacetime_service.application.ports.job_repository import JobRepository
from spacetime_service.application.ports.model_registry import ModelRegistry
from spacetime_service.domain.errors import InvalidInput, NotFound
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.ml.aliases import ModelAlias, point_alias, require_alias_name
from spacetime_service.domain.ml.model_listing import ModelPosition, ModelQuery
from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion, require_model_id
from spacetime_service.domain.ml.tasks import require_task
from spacetime_service.domain.ml.training_job import TrainingJobProgress
from spacetime_service.domain.pagination import Position

# Model positions (time and id text) travel in the shared cursor's value; this sort name keeps other
# listings' cursors from being taken for model cursors.
_CURSOR_SORT = "models:created_at"


@dataclass(frozen=True, slots=True)
class ListModelsCommand:
    task: str | None = None
    status: ModelStatus | None = None
    limit: int = 50
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class ModelListPage:
    items: Sequence[ModelVersion]
    next_cursor: str | None


class ListModels:
    """Model versions newest first, filtered by task and status, in keyset pages whose signed cursor
    names the last version seen; an unknown task is refused with the known ones."""

    def __init__(self, registry: ModelRegistry, cursors: CursorCodec) -> None:
        self._registry = registry
        self._cursors = cursors

    def execute(self, command: ListModelsCommand) -> ModelListPage:
        after = self._decode(command.cursor) if command.cursor else None
        page = self._registry.page(ModelQuery(command.limit, command.task, command.status, after))
        position = page.next_position
        next_cursor = None
        if position is not None:
            value = f"{position.created_at.isoformat()} {position.id}"
            next_cursor = self._cursors.encode(Position(sort_field=_CURSOR_SORT, value=value, id=0))
        return ModelListPage(page.items, next_cursor)

    def _decode(self, cursor: str) -> ModelPosition:
        position = self._cursors.decode(cursor)
        if position.sort_field != _CURSOR_SORT or not isinstance(position.value, str):
            raise InvalidInput("the cursor belongs to another listing; start again", field="cursor")
        created_at, _, model_id = position.value.partition(" ")
        return ModelPosition(created_at=datetime.fromisoformat(created_at), id=model_id)


@dataclass(frozen=True, slots=True)
class ModelDetails:
    version: ModelVersion
    aliases: Sequence[ModelAlias]


class GetModel:
    """One model version with the aliases that name it; NotFound when there is none. A version still
    `training` whose job ended cancelled or failed is failed on the way (ml/abandoned_versions.py)."""

    def __init__(self, registry: ModelRegistry, jobs: JobRepository, clock: Clock) -> None:
        self._registry = registry
        self._jobs = jobs
        self._clock = clock

    def execute(self, model_id: str) -> ModelDetails:
        version, _ = self.with_job(model_id)
        return ModelDetails(version, self._registry.aliases_of(version.id))

    def with_job(self, model_id: str) -> tuple[ModelVersion, Job | None]:
        version = self._registry.get(require_model_id(model_id))
        if version is None:
            raise NotFound(f"model {model_id} does not exist")
        job = self._jobs.get(version.job_id) if version.job_id else None
        return settled(version, job, self._registry, self._clock), job


@dataclass(frozen=True, slots=True)
class ModelTrainingStatus:
    """The version, its job (progress, ETA), and while the version trains, what the job last recorded."""

    version: ModelVersion
    job: Job | None
    training: TrainingJobProgress | None


class GetModelStatus:
    """A version's status with its training job's progress, ETA, epoch and the metrics of the last
    finished epoch, read from the job record; NotFound when the version does not exist."""

    def __init__(self, registry: ModelRegistry, jobs: JobRepository, clock: Clock) -> None:
        self._get_model = GetModel(registry, jobs, clock)

    def execute(self, model_id: str) -> ModelTrainingStatus:
        version, job = self._get_model.with_job(model_id)
        # Only a version still training shows its job's snapshot: once it is ready (or failed) its own
        # metrics are the answer, even while the job record still holds its last training checkpoint.
        training = (
            TrainingJobProgress.from_json(job.checkpoint)
            if job is not None and version.status is ModelStatus.TRAINING
            else None
        )
        return ModelTrainingStatus(version, job, training)


@dataclass(frozen=True, slots=True)
class SetModelAliasCommand:
    task: str
    name: str
    model_id: str


class SetModelAlias:
    """Points the alias `name` of `task` at a version, which must be ready and of that task (Conflict
    otherwise); the alias it named before is replaced, and clients that choose models by alias use
    the new one from their next request."""

    def __init__(self, registry: ModelRegistry) -> None:
        self._registry = registry

    def execute(self, command: SetModelAliasCommand) -> ModelAlias:
        require_task(command.task)
        require_alias_name(command.name)
        version = self._registry.get(require_model_id(command.model_id))
        if version is None:
            raise NotFound(f"model {command.model_id} does not exist")
        alias = point_alias(command.task, command.name, version)
        self._registry.point_alias(alias)
        return alias
