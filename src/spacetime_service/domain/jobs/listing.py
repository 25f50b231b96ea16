"""Listing jobs: filters and keyset pages, newest first by (created_at, id)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.pagination import TimePosition, require_page_size

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.domain.jobs.status import JobStatus

# The last job of a page; the next page holds jobs strictly older: (created_at, id) below it.
JobPosition = TimePosition


@dataclass(frozen=True, slots=True)
class JobQuery:
    """Every field narrows the selection; empty tuples and None mean no condition."""

    limit: int = 50
    owner: str | None = None
    kinds: tuple[str, ...] = ()
    statuses: tuple[JobStatus, ...] = ()
    after: JobPosition | None = None

    def __post_init__(self) -> None:
        require_page_size(self.limit)

    def matches(self, job: Job) -> bool:
        """Whether `job` belongs to the selection, ignoring the page position."""
        return (
            (self.owner is None or job.owner == self.owner)
            and (not self.kinds or job.kind in self.kinds)
            and (not self.statuses or job.status in self.statuses)
        )


@dataclass(frozen=True, slots=True)
class JobPage:
    items: Sequence[Job]
    next_position: JobPosition | None
