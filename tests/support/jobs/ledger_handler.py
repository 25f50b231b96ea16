"""A handler whose effects are in the database: each chunk appends its items to a ledger table and
saves its checkpoint in the same transaction, as docs/jobs.md prescribes for exactly-once work.

The ledger has no unique key on purpose, so an item applied twice would show up as two rows.
"""

from __future__ import annotations

import threading

from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, insert

from spacetime_service.adapters.sqlalchemy.jobs.checkpoint_store import SqlAlchemyCheckpointStore
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
            with self._engine.begin() as connection:
                rows = [{"job_id": context.job_id, "item": i, "attempt": context.attempt} for i in items]
                connection.execute(insert(ledger), rows)
                # A superseded attempt's save raises LeaseLost, which rolls its rows back as well.
                SqlAlchemyCheckpointStore(connection).save(
                    context.job_id, context.attempt, {"last_id": items[-1]}
                )
            last_id = items[-1]
            context.progress_only(last_id, n, "items")
            threading.Event().wait(pause)
        return f"ledger:{n}"
