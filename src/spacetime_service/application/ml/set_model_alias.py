"""Use case: point a task's alias at a ready model version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.ml.aliases import ModelAlias, point_alias, require_alias_name
from spacetime_service.domain.ml.model_version import require_model_id
from spacetime_service.domain.ml.tasks import require_task

if TYPE_CHECKING:
    from spacetime_service.application.ports.model_registry import ModelRegistry


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
