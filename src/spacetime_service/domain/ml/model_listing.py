"""Listing model versions: filters and keyset pages, newest first by (created_at, id)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion
from spacetime_service.domain.ml.tasks import require_task
from spacetime_service.domain.pagination import MAX_PAGE_SIZE, MIN_PAGE_SIZE


@dataclass(frozen=True, slots=True)
class ModelPosition:
    """The last version of a page; the next page holds versions strictly older than it."""

    created_at: datetime
    id: str

    @classmethod
    def of(cls, version: ModelVersion) -> ModelPosition:
        return cls(created_at=version.created_at, id=version.id)


@dataclass(frozen=True, slots=True)
class ModelQuery:
    """None means no condition; a task must be a known one."""

    limit: int = 50
    task: str | None = None
    status: ModelStatus | None = None
    after: ModelPosition | None = None

    def __post_init__(self) -> None:
        if not MIN_PAGE_SIZE <= self.limit <= MAX_PAGE_SIZE:
            raise InvalidInput(f"limit must be between {MIN_PAGE_SIZE} and {MAX_PAGE_SIZE}", field="limit")
        if self.task is not None:
            require_task(self.task)

    def matches(self, version: ModelVersion) -> bool:
        """Whether `version` belongs to the selection, ignoring the page position."""
        return (self.task is None or version.task == self.task) and (
            self.status is None or version.status is self.status
        )


@dataclass(frozen=True, slots=True)
class ModelPage:
    items: Sequence[ModelVersion]
    next_position: ModelPosition | None
