"""JobCensus over the job table: grouped counts of the unfinished jobs, for scrape-time gauges."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Integer, case, func, select
from sqlalchemy.sql.functions import coalesce

from spacetime_service.adapters.sqlalchemy.jobs import statements
from spacetime_service.adapters.sqlalchemy.jobs.tables import jobs
from spacetime_service.adapters.sqlalchemy.jobs.transactions import Connectable, job_transaction
from spacetime_service.application.ports.job_census import JobTally, RunningJob
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import LEASED_STATUSES, JobStatus

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from sqlalchemy import ColumnElement


def _count_where(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return coalesce(func.sum(case((condition, 1), else_=0)), 0).cast(Integer)


class SqlAlchemyJobCensus:
    """Reads only unfinished jobs, which the (status, lease_expires_at) index finds, so a scrape costs
    the same however long the finished history grows."""

    def __init__(self, connectable: Connectable) -> None:
        self._connectable = connectable

    def tallies(self, now: datetime) -> Sequence[JobTally]:
        leased = statements.statuses_in(LEASED_STATUSES)
        counted = (
            select(
                jobs.c.kind,
                _count_where(jobs.c.status == JobStatus.QUEUED.value),
                _count_where(leased),
                _count_where(statements.lease_expired(now)),
            )
            .where(statements.statuses_in((JobStatus.QUEUED, *LEASED_STATUSES)))
            .group_by(jobs.c.kind)
            .order_by(jobs.c.kind)
        )
        with job_transaction(self._connectable, write=False) as connection:
            rows = connection.execute(counted).all()
        return [
            JobTally(kind, int(queued), int(running), int(expired)) for kind, queued, running, expired in rows
        ]

    def running(self, limit: int) -> Sequence[RunningJob]:
        listed = (
            select(jobs.c.id, jobs.c.kind, jobs.c.progress_done, jobs.c.progress_total, jobs.c.progress_unit)
            .where(statements.statuses_in(LEASED_STATUSES))
            .order_by(jobs.c.created_at, jobs.c.id)
            .limit(limit)
        )
        with job_transaction(self._connectable, write=False) as connection:
            rows = connection.execute(listed).all()
        return [
            RunningJob(job_id, kind, Progress(done, total, unit or ""))
            for job_id, kind, done, total, unit in rows
        ]
