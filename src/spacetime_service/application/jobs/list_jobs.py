"""Use case: one page of jobs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.cursor_pages import time_cursors
from spacetime_service.domain.jobs.listing import JobQuery

if TYPE_CHECKING:
    from spacetime_service.application.cursor_pages import CursorPage
    from spacetime_service.application.pagination_cursor import CursorCodec
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.domain.jobs.status import JobStatus

# Names job cursors, so that a product, order or model cursor is never taken for one.
_LISTING = "jobs:created_at"


@dataclass(frozen=True, slots=True)
class ListJobsCommand:
    owner: str | None = None
    kinds: tuple[str, ...] = ()
    statuses: tuple[JobStatus, ...] = ()
    limit: int = 50
    cursor: str | None = None


class ListJobs:
    """Jobs newest first, filtered by owner, kinds and statuses, in keyset pages: the cursor names the
    last job seen, so a page is stable while new jobs arrive. A cursor that was altered or made for
    another listing is refused."""

    def __init__(self, repository: JobRepository, cursors: CursorCodec) -> None:
        self._repository = repository
        self._cursors = time_cursors(cursors, _LISTING)

    def execute(self, command: ListJobsCommand) -> CursorPage[Job]:
        after = self._cursors.after(command.cursor)
        query = JobQuery(
            limit=command.limit,
            owner=command.owner,
            kinds=command.kinds,
            statuses=command.statuses,
            after=after,
        )
        page = self._repository.page(query)
        return self._cursors.page(page.items, page.next_position)
