"""Listing model versions: filters and keyset pages, newest first by (created_at, id)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.ml.tasks import require_task
from spacetime_service.domain.pagination import TimePosition, require_page_size

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion

# The last version of a page; the next page holds versions strictly older than it.
ModelPosition = TimePosition


@dataclass(frozen=True, slots=True)
class ModelQuery:
    """None means no condition (every owner's versions, for the operator's CLI); a task must be a
    known one."""

    limit: int = 50
    task: str | None = None
    status: ModelStatus | None = None
    after: ModelPosition | None = None
    owner: str | None = None

    def __post_init__(self) -> None:
        require_page_size(self.limit)
        if self.task is not None:
            require_task(self.task)

    def matches(self, version: ModelVersion) -> bool:
        """Whether `version` belongs to the selection, ignoring the page position."""
        return (
            (self.task is None or version.task == self.task)
            and (self.status is None or version.status is self.status)
            and (self.owner is None or version.owner == self.owner)
        )


@dataclass(frozen=True, slots=True)
class ModelPage:
    items: Sequence[ModelVersion]
    next_position: ModelPosition | None
