"""Use case: the model versions of the registry, newest first, in keyset pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.cursor_pages import time_cursors
from spacetime_service.domain.ml.model_listing import ModelQuery

if TYPE_CHECKING:
    from spacetime_service.application.cursor_pages import CursorPage
    from spacetime_service.application.pagination_cursor import CursorCodec
    from spacetime_service.application.ports.model_registry import ModelRegistry
    from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion

# Names model cursors, so that a product, order or job cursor is never taken for one.
_LISTING = "models:created_at"


@dataclass(frozen=True, slots=True)
class ListModelsCommand:
    task: str | None = None
    status: ModelStatus | None = None
    limit: int = 50
    cursor: str | None = None
    owner: str | None = None


class ListModels:
    """Model versions newest first, filtered by task and status, in keyset pages whose signed cursor
    names the last version seen; an unknown task is refused with the known ones. With an owner, only
    that owner's versions (every owner's without, for the operator)."""

    def __init__(self, registry: ModelRegistry, cursors: CursorCodec) -> None:
        self._registry = registry
        self._cursors = time_cursors(cursors, _LISTING)

    def execute(self, command: ListModelsCommand) -> CursorPage[ModelVersion]:
        after = self._cursors.after(command.cursor)
        page = self._registry.page(
            ModelQuery(command.limit, command.task, command.status, after, command.owner)
        )
        return self._cursors.page(page.items, page.next_position)
