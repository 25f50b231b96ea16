"""Keyset pagination: a page ends at a position, and the next page starts strictly after it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

T = TypeVar("T")

MIN_PAGE_SIZE = 1
MAX_PAGE_SIZE = 1000


class Direction(StrEnum):
    ASC = "asc"
    DESC = "desc"


@dataclass(frozen=True, slots=True)
class Sort:
    """Sort by one allow-listed field, with the id as tie-breaker in the same direction."""

    field: str
    direction: Direction = Direction.ASC

    def require_in(self, allowed: Sequence[str]) -> Sort:
        if self.field not in allowed:
            raise InvalidInput(f"cannot sort by {self.field!r}; allowed: {', '.join(allowed)}", field="sort")
        return self


@dataclass(frozen=True, slots=True)
class Position:
    """Where the previous page ended: the sort field's value (as JSON-safe text or number) and the id,
    and the direction of the sort it ended, so that a page of `-price` never continues as `price`."""

    sort_field: str
    value: str | int | None
    id: int
    direction: Direction = Direction.ASC


@dataclass(frozen=True, slots=True)
class PageRequest:
    sort: Sort
    size: int
    after: Position | None = None

    def __post_init__(self) -> None:
        require_page_size(self.size)
        after = self.after
        if after is not None and Sort(after.sort_field, after.direction) != self.sort:
            raise InvalidInput(
                "the cursor belongs to another sort order; start again without it", field="cursor"
            )


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    next_position: Position | None


def require_page_size(limit: int) -> None:
    """A page holds MIN_PAGE_SIZE to MAX_PAGE_SIZE items, whatever is listed."""
    if not MIN_PAGE_SIZE <= limit <= MAX_PAGE_SIZE:
        raise InvalidInput(f"limit must be between {MIN_PAGE_SIZE} and {MAX_PAGE_SIZE}", field="limit")


class Dated(Protocol):
    """What a newest-first listing orders by: a creation time, and a text id to break ties."""

    @property
    def created_at(self) -> datetime: ...

    @property
    def id(self) -> str: ...


@dataclass(frozen=True, slots=True)
class TimePosition:
    """The last item of a newest-first page (jobs, model versions); the next page holds the items
    strictly older: (created_at, id) below it."""

    created_at: datetime
    id: str

    @classmethod
    def of(cls, item: Dated) -> TimePosition:
        return cls(created_at=item.created_at, id=item.id)
