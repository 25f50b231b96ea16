"""Use case: the model versions of the registry, newest first, in keyset pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.application.ports.model_registry import ModelRegistry
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.model_listing import ModelPosition, ModelQuery
from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion
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
