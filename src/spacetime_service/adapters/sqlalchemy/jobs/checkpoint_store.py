"""Checkpoints in the job's own row, fenced by the attempt stored beside them."""

from __future__ import annotations

from sqlalchemy import Connection, select, update

from spacetime_service.adapters.sqlalchemy.jobs.rows import checkpoint_from_column
from spacetime_service.adapters.sqlalchemy.jobs.tables import jobs
from spacetime_service.adapters.sqlalchemy.jobs.transactions import Connectable, job_transaction
from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.jobs.json_value import JsonObject, require_json_object


class SqlAlchemyCheckpointStore:
    """A CheckpointStore on the `jobs.checkpoint` column. Built on a unit of work's Connection, a save
    joins the caller's transaction: the chunk's effects and its checkpoint commit together, and a
    save by a superseded attempt raises LeaseLost so that the caller rolls the chunk back.

    Only the job's current attempt may write (`WHERE id = :id AND attempt = :attempt`), whatever the
    status, so that the attempt that finished a job can still delete its checkpoint. A save takes
    the row's lock until the transaction ends, which a claim of the job waits for: a chunk either
    commits before the next attempt starts (and is in the checkpoint it loads) or is rolled back.
    The checkpoint is not part of the job's events, so these writes leave `version` as it is."""

    def __init__(self, connectable: Connectable) -> None:
        self._connectable = connectable

    def save(self, job_id: str, attempt: int, checkpoint: JsonObject) -> None:
        value = require_json_object(checkpoint, field="checkpoint")
        self._write(job_id, attempt, value, missing_is_error=True)

    def load(self, job_id: str) -> JsonObject | None:
        with job_transaction(self._connectable, write=False) as connection:
            value = connection.execute(select(jobs.c.checkpoint).where(jobs.c.id == job_id)).scalar()
        return checkpoint_from_column(value)

    def delete(self, job_id: str, attempt: int) -> None:
        self._write(job_id, attempt, None, missing_is_error=False)

    def _write(self, job_id: str, attempt: int, value: JsonObject | None, *, missing_is_error: bool) -> None:
        statement = (
            update(jobs)
            .where(jobs.c.id == job_id, jobs.c.attempt == attempt)
            .values(checkpoint=value)
            .returning(jobs.c.id)
        )
        with job_transaction(self._connectable, write=True) as connection:
            if connection.execute(statement).first() is not None:
                return
            current = _current_attempt(connection, job_id)
        if current is not None:
            raise LeaseLost(f"job {job_id} is at attempt {current}; attempt {attempt} may no longer write")
        if missing_is_error:
            raise NotFound(f"no job with id {job_id}")


def _current_attempt(connection: Connection, job_id: str) -> int | None:
    attempt = connection.execute(select(jobs.c.attempt).where(jobs.c.id == job_id)).scalar()
    return None if attempt is None else int(attempt)
