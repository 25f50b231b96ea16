"""Use case: one page of jobs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.application.ports.job_repository import JobRepository
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.jobs.listing import JobPosition, JobQuery
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.pagination import Position

# The shared cursor format carries an integer id; a job position (time and uuid text) travels in its
# value, and this sort name keeps product or order cursors from being taken for job cursors.
_CURSOR_SORT = "jobs:created_at"


@dataclass(frozen=True, slots=True)
class ListJobsCommand:
    owner: str | None = None
    kinds: tuple[str, ...] = ()
    statuses: tuple[JobStatus, ...] = ()
    limit: int = 50
    cursor: str | None = None


@dataclass(frozen=True, slots=True)
class JobListPage:
    items: Sequence[Job]
    next_cursor: str | None


class ListJobs:
    """Jobs newest first, filtered by owner, kinds and statuses, in keyset pages: the cursor names the
    last job seen, so a page is stable while new jobs arrive. A cursor that was altered or made for
    another listing is refused."""

    def __init__(self, repository: JobRepository, cursors: CursorCodec) -> None:
        self._repository = repository
        self._cursors = cursors

    def execute(self, command: ListJobsCommand) -> JobListPage:
        after = self._decode(command.cursor) if command.cursor else None
        query = JobQuery(
            limit=command.limit,
            owner=command.owner,
            kinds=command.kinds,
            statuses=command.statuses,
            after=after,
        )
        page = self._repository.page(query)
        next_cursor = self._encode(page.next_position) if page.next_position else None
        return JobListPage(page.items, next_cursor)

    def _encode(self, position: JobPosition) -> str:
        value = f"{position.created_at.isoformat()} {position.id}"
        return self._cursors.encode(Position(sort_field=_CURSOR_SORT, value=value, id=0))

    def _decode(self, cursor: str) -> JobPosition:
        position = self._cursors.decode(cursor)
        if position.sort_field != _CURSOR_SORT or not isinstance(position.value, str):
            raise InvalidInput("the cursor belongs to another listing; start again", field="cursor")
        created_at, _, job_id = position.value.partition(" ")
        return JobPosition(created_at=datetime.fromisoformat(created_at), id=job_id)
