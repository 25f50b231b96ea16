"""Aliases name the version a client should use ("production", "staging"), one version per owner, task
and alias. An alias points only at a ready version of its own task and its own owner, so that no owner
can change which model another owner's predictions use; archiving a version needs its aliases moved
first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import Conflict, InvalidInput
from spacetime_service.domain.ml.tasks import require_task

if TYPE_CHECKING:
    from spacetime_service.domain.ml.model_version import ModelVersion

ALIAS_PATTERN = r"[a-z][a-z0-9_-]{0,31}"
_ALIAS = re.compile(ALIAS_PATTERN)
PRODUCTION = "production"


def require_alias_name(value: str) -> str:
    if not _ALIAS.fullmatch(value):
        raise InvalidInput(
            "an alias starts with a-z and has at most 32 characters a-z 0-9 - _", field="alias"
        )
    return value


@dataclass(frozen=True, slots=True)
class ModelAlias:
    owner: str
    task: str
    name: str
    model_id: str

    def __post_init__(self) -> None:
        require_task(self.task)
        require_alias_name(self.name)


def point_alias(task: str, name: str, version: ModelVersion) -> ModelAlias:
    """The alias `name` of `task`, of the version's owner, moved to `version`, which must be a ready
    version of that task."""
    version.require_ready()
    if version.task != task:
        raise Conflict(f"model {version.id} learns {version.task}, not {task}")
    return ModelAlias(version.owner, task, name, version.id)


def require_unaliased(version: ModelVersion, aliases: list[ModelAlias]) -> None:
    """Refuses to archive a version that an alias still names."""
    held = [alias.name for alias in aliases if alias.model_id == version.id]
    if held:
        raise Conflict(f"model {version.id} is still aliased as {', '.join(held)}")
