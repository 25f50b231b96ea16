"""Creating a job idempotently: one INSERT that yields to an owner's earlier job with the same key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, Insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from spacetime_service.adapters.sqlalchemy.jobs.rows import job_from_row, row_of_new_job
from spacetime_service.adapters.sqlalchemy.jobs.tables import jobs
from spacetime_service.application.ports.job_repository import JobCreation
from spacetime_service.domain.errors import Conflict

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.job import NewJob

# A rival insert of the same key that rolled back leaves nothing to return; the next try inserts.
_TRIES = 3


def create_job(connection: Connection, new_job: NewJob) -> JobCreation:
    """Inserts the job unless (owner, idempotency key) is taken; then the holder of the key is
    returned if it was asked with the same request hash, and `Conflict` raised if not. On
    PostgreSQL a concurrent insert of the same key waits for the first one to commit, then yields."""
    for _ in range(_TRIES):
        try:
            row = connection.execute(_insert(connection.dialect.name, new_job)).first()
        except IntegrityError as error:
            # The only constraint the insert does not yield to is the primary key.
            raise Conflict(f"a job with id {new_job.id} exists") from error
        if row is not None:
            return JobCreation(job_from_row(row), created=True)
        holder = connection.execute(
            select(jobs).where(
                jobs.c.owner == new_job.owner, jobs.c.idempotency_key == new_job.idempotency_key
            )
        ).first()
        if holder is None:
            continue
        existing = job_from_row(holder)
        if existing.request_hash != new_job.request_hash:
            raise Conflict("this idempotency key was used for a different request")
        return JobCreation(existing, created=False)
    raise Conflict("the idempotency key is being used by a concurrent submission; retry")


def _insert(dialect: str, new_job: NewJob) -> Insert:
    dialect_insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = dialect_insert(jobs).values(row_of_new_job(new_job))
    return statement.on_conflict_do_nothing(
        index_elements=[jobs.c.owner, jobs.c.idempotency_key],
        index_where=jobs.c.idempotency_key.is_not(None),
    ).returning(*jobs.c)
