"""A handler whose effects are in the database: each chunk appends its items to a ledger table and
commits them with the job record's checkpoint through `context.commit`, as docs/jobs.md prescribes.

The ledger has no unique key on purpose, so an item applied twice would show up as two rows.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from sqlalchemy import Column, Connection, Engine, Integer, MetaData, String, Table, insert

from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository

if TYPE_CHECKING:
    from spacetime_service.application.jobs.context import JobContext

ledger_metadata = MetaData()
ledger = Table(
    "test_ledger",
    ledger_metadata,
    Column("row_id", Integer, primary_key=True, autoincrement=True),
    Column("job_id", String(64), nullable=False),
    Column("item", Integer, nullable=False),
    Column("attempt", Integer, nullable=False),
)


class LedgerHandler:
    """Applies items 1..n, one chunk of `chunk` items at a time, pausing `pause_ms` after each chunk so
    that a test can stop the process in the middle of the job."""

    kind = "ledger"

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def run(self, context: JobContext) -> str | None:
        n, chunk = int(str(context.request["n"])), int(str(context.request["chunk"]))
        pause = int(str(context.request.get("pause_ms", 0))) / 1000
        last_id = int(str((context.checkpoint or {}).get("last_id", 0)))
        while last_id < n:
            items = range(last_id + 1, min(n, last_id + chunk) + 1)
            with self._engine.connect() as connection:
                rows = [{"job_id": context.job_id, "item": i, "attempt": context.attempt} for i in items]
                connection.execute(insert(ledger), rows)
                # A superseded attempt's write raises LeaseLost uncommitted: its rows roll back with it.
                context.commit(_LedgerChunk(connection), items[-1], n, "items", {"last_id": items[-1]})
            last_id = items[-1]
            threading.Event().wait(pause)
        return f"ledger:{n}"


class _LedgerChunk:
    """A JobUnitOfWork on one connection: the job records join the ledger's transaction."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection
        self.jobs = SqlAlchemyJobRepository(connection)

    def commit(self) -> None:
        self._connection.commit()
