"""Use case: one model version with the aliases that name it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.ml.abandoned_versions import settled
from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.ml.model_version import ModelVersion, require_model_id

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.application.ports.model_registry import ModelRegistry
    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.domain.ml.aliases import ModelAlias


@dataclass(frozen=True, slots=True)
class ModelDetails:
    version: ModelVersion
    aliases: Sequence[ModelAlias]


class GetModel:
    """One model version with the aliases that name it; NotFound when there is none, or, given an
    owner, when it is another owner's (exactly alike, so that ids cannot be probed). A version still
    `training` whose job ended cancelled or failed is failed on the way (ml/abandoned_versions.py)."""

    def __init__(self, registry: ModelRegistry, jobs: JobRepository, clock: Clock) -> None:
        self._registry = registry
        self._jobs = jobs
        self._clock = clock

    def execute(self, model_id: str, owner: str | None = None) -> ModelDetails:
        version, _ = self.with_job(model_id, owner)
        return ModelDetails(version, self._registry.aliases_of(version.id))

    def with_job(self, model_id: str, owner: str | None = None) -> tuple[ModelVersion, Job | None]:
        version = self._registry.get(require_model_id(model_id))
        if version is None or (owner is not None and version.owner != owner):
            raise NotFound(f"model {model_id} does not exist")
        job = self._jobs.get(version.job_id) if version.job_id else None
        return settled(version, job, self._registry, self._clock), job
