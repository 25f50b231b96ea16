"""Job records in a SQL database (SQLite or PostgreSQL), each write one conditional statement."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Update, and_, func, or_, select

from spacetime_service.adapters.sqlalchemy.jobs import statements
from spacetime_service.adapters.sqlalchemy.jobs.creation import create_job
from spacetime_service.adapters.sqlalchemy.jobs.rows import job_from_row
from spacetime_service.adapters.sqlalchemy.jobs.tables import jobs
from spacetime_service.adapters.sqlalchemy.jobs.transactions import Connectable, job_transaction
from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.jobs.job import require_trace_parent
from spacetime_service.domain.jobs.json_value import JsonObject, require_json_object
from spacetime_service.domain.jobs.lease import new_lease
from spacetime_service.domain.jobs.listing import JobPage, JobPosition, JobQuery
from spacetime_service.domain.jobs.outcome import MAX_ERROR_LENGTH
from spacetime_service.domain.jobs.status import JobStatus, sources_of

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

    from spacetime_service.application.ports.job_repository import JobCreation
    from spacetime_service.domain.jobs.job import Job, NewJob
    from spacetime_service.domain.jobs.outcome import JobOutcome
    from spacetime_service.domain.jobs.progress import Progress


class SqlAlchemyJobRepository:
    """A JobRepository on an Engine (each call its own short transaction) or on a unit of work's
    Connection (each call joins the caller's transaction). Writes carrying an attempt are fenced in
    their WHERE clause: `id = :id AND attempt = :attempt AND status IN (...)`; no row, no write."""

    def __init__(self, connectable: Connectable) -> None:
        self._connectable = connectable

    def create(self, new_job: NewJob) -> JobCreation:
        with job_transaction(self._connectable, write=True) as connection:
            return create_job(connection, new_job)

    def get(self, job_id: str) -> Job | None:
        with job_transaction(self._connectable, write=False) as connection:
            row = connection.execute(select(jobs).where(jobs.c.id == job_id)).first()
        return None if row is None else job_from_row(row)

    def find_by_idempotency_key(self, owner: str, key: str) -> Job | None:
        with job_transaction(self._connectable, write=False) as connection:
            row = connection.execute(select(jobs).where(statements.keyed(owner, key))).first()
        return None if row is None else job_from_row(row)

    def count_unfinished(self, owner: str) -> int:
        # Unfinished jobs are few rows of the whole table (each owner has at most its cap), found by the
        # (status, lease_expires_at) index; an owner's finished history can be long. PostgreSQL's planner
        # sees that from its statistics; SQLite, which has none here, would take the owner index, so
        # `owner || ''` (no longer a plain column) keeps it from doing so.
        unfinished = [status for status in JobStatus if not status.is_terminal]
        counted = (
            select(func.count())
            .select_from(jobs)
            .where(statements.statuses_in(unfinished), jobs.c.owner.concat("") == owner)
        )
        with job_transaction(self._connectable, write=False) as connection:
            return int(connection.execute(counted).scalar_one())

    def page(self, query: JobQuery) -> JobPage:
        conditions = []
        if query.owner is not None:
            conditions.append(jobs.c.owner == query.owner)
        if query.kinds:
            conditions.append(jobs.c.kind.in_(query.kinds))
        if query.statuses:
            conditions.append(statements.statuses_in(query.statuses))
        if query.after is not None:
            created_at, job_id = query.after.created_at, query.after.id
            conditions.append(
                or_(jobs.c.created_at < created_at, and_(jobs.c.created_at == created_at, jobs.c.id < job_id))
            )
        newest_first = (
            select(jobs)
            .where(*conditions)
            .order_by(jobs.c.created_at.desc(), jobs.c.id.desc())
            .limit(query.limit)
        )
        with job_transaction(self._connectable, write=False) as connection:
            items = [job_from_row(row) for row in connection.execute(newest_first)]
        full = len(items) == query.limit
        return JobPage(items, JobPosition.of(items[-1]) if full and items else None)

    def claim(
        self,
        worker_id: str,
        now: datetime,
        lease_seconds: float,
        *,
        job_id: str | None = None,
        kinds: Collection[str] | None = None,
    ) -> Job | None:
        lease = new_lease(worker_id, now, lease_seconds)
        with job_transaction(self._connectable, write=True) as connection:
            statement = statements.claim(connection.dialect.name, lease, job_id=job_id, kinds=kinds)
            return _one(connection, statement)

    def heartbeat(self, job_id: str, attempt: int, now: datetime, lease_seconds: float) -> Job | None:
        extended = statements.fenced(job_id, attempt).values(
            lease_expires_at=now + timedelta(seconds=lease_seconds), heartbeat_at=now
        )
        return self._write(extended)

    def record_attempt_trace(self, job_id: str, attempt: int, trace_parent: str) -> Job | None:
        require_trace_parent(trace_parent)
        return self._write(statements.fenced(job_id, attempt).values(attempt_trace_parent=trace_parent))

    def record_progress(
        self,
        job_id: str,
        attempt: int,
        progress: Progress,
        *,
        eta_seconds: float | None,
        checkpoint: JsonObject | None,
        now: datetime,
    ) -> Job | None:
        values: dict[str, object] = {
            "progress_done": progress.done,
            "progress_total": progress.total,
            "progress_unit": progress.unit,
            "eta_seconds": eta_seconds,
            **statements.bumped(now),
        }
        if checkpoint is not None:
            values["checkpoint"] = require_json_object(checkpoint, field="checkpoint")
        return self._write(statements.fenced(job_id, attempt).values(**values))

    def finish(self, job_id: str, attempt: int, outcome: JobOutcome, now: datetime) -> Job | None:
        # A succeeded job has nothing left to resume: its checkpoint goes in the same statement.
        kept = {} if outcome.status is not JobStatus.SUCCEEDED else {"checkpoint": None}
        ended = statements.fenced(job_id, attempt, sources_of(outcome.status)).values(
            **kept,
            status=outcome.status.value,
            result_ref=outcome.result_ref,
            error=outcome.error,
            lease_holder=None,
            lease_expires_at=None,
            heartbeat_at=None,
            eta_seconds=None,
            finished_at=now,
            **statements.bumped(now),
        )
        return self._write(ended)

    def record_retry(self, job_id: str, attempt: int, error: str, now: datetime) -> Job | None:
        retried = statements.fenced(job_id, attempt).values(
            retries=jobs.c.retries + 1,
            retry_error=error[:MAX_ERROR_LENGTH] or "retried",
            **statements.bumped(now),
        )
        return self._write(retried)

    def release(self, job_id: str, attempt: int, now: datetime) -> Job | None:
        queued = statements.fenced(job_id, attempt, sources_of(JobStatus.QUEUED)).values(
            status=JobStatus.QUEUED.value,
            lease_holder=None,
            lease_expires_at=None,
            heartbeat_at=None,
            eta_seconds=None,
            **statements.bumped(now),
        )
        return self._write(queued)

    def request_cancel(self, job_id: str, now: datetime) -> Job:
        cancel = statements.cancel(job_id, now)
        with job_transaction(self._connectable, write=True) as connection:
            changed = _one(connection, cancel)
            if changed is not None:
                return changed
            # Cancelling and ended jobs never become queued or running again: as read, they stay.
            row = connection.execute(select(jobs).where(jobs.c.id == job_id)).first()
        if row is None:
            raise NotFound(f"no job with id {job_id}")
        return job_from_row(row)

    def list_expired(self, now: datetime, limit: int) -> Sequence[Job]:
        oldest_first = (
            select(jobs)
            .where(statements.lease_expired(now))
            .order_by(jobs.c.created_at, jobs.c.id)
            .limit(limit)
        )
        with job_transaction(self._connectable, write=False) as connection:
            return [job_from_row(row) for row in connection.execute(oldest_first)]

    def _write(self, statement: Update) -> Job | None:
        with job_transaction(self._connectable, write=True) as connection:
            return _one(connection, statement)


def _one(connection: Connection, statement: Update) -> Job | None:
    row = connection.execute(statement).first()
    return None if row is None else job_from_row(row)
