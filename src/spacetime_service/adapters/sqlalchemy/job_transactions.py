"""Where a job store's statements run: its own short transaction, or the caller's.

A store built on an Engine runs each operation in a transaction of its own and commits it at once. A
store built on a Connection (a unit of work's) runs in that connection's transaction and neither
commits nor rolls back: the caller does, so a chunk's effects and its checkpoint share one fate.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

from spacetime_service.adapters.sqlalchemy.errors import translated_errors

Connectable = Engine | Connection


@contextmanager
def job_transaction(connectable: Connectable, *, write: bool) -> Iterator[Connection]:
    """A connection to run one operation on, committed at the end when the store owns it.

    On SQLite a write transaction of its own starts with BEGIN IMMEDIATE: it takes the write lock
    before reading, so a claim's search and update see the same, newest snapshot, and a busy writer
    is waited for (busy_timeout) instead of failing with a stale snapshot."""
    if isinstance(connectable, Connection):
        with translated_errors():
            yield connectable
        return
    with translated_errors(), connectable.connect() as connection:
        if write and connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        yield connection
        connection.commit()
