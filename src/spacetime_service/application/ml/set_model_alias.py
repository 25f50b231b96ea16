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
    owner: str | None = None


class SetModelAlias:
    """Points the version owner's alias `name` of `task` at the version, which must be ready and of
    that task (Conflict otherwise); the alias it named before is replaced, and clients that choose
    models by alias use the new one from their next request. Aliases are per owner: given an owner,
    another owner's version is NotFound, like a missing one."""

    def __init__(self, registry: ModelRegistry) -> None:
        self._registry = registry

    def execute(self, command: SetModelAliasCommand) -> ModelAlias:
        require_task(command.task)
        require_alias_name(command.name)
        version = self._registry.get(require_model_id(command.model_id))
        if version is None or (command.owner is not None and version.owner != command.owner):
            raise NotFound(f"model {command.model_id} does not exist")
        alias = point_alias(command.task, command.name, version)
        self._registry.point_alias(alias)
        return alias
