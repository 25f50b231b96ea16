"""Where a job store's statements run: its own short transaction, or the caller's.

A store built on an Engine runs each operation in a transaction of its own and commits it at once. A
store built on a Connection (a unit of work's) runs in that connection's transaction and neither
commits nor rolls back: the caller does, so a chunk's effects and its checkpoint share one fate.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine

from spacetime_service.adapters.sqlalchemy.errors import translated_errors

if TYPE_CHECKING:
    from collections.abc import Iterator

Connectable = Engine | Connection


@contextmanager
def job_transaction(connectable: Connectable, *, write: bool) -> Iterator[Connection]:
    """A connection to run one operation on, committed at the end when the store owns it. A write
    transaction of its own begins with `begin_writing`, so a claim's search and update see the
    newest snapshot, and a busy writer is waited for (busy_timeout) instead of failing."""
    if isinstance(connectable, Connection):
        with translated_errors():
            yield connectable
        return
    with translated_errors(), connectable.connect() as connection:
        if write:
            begin_writing(connection)
        yield connection
        connection.commit()


def begin_writing(connection: Connection) -> None:
    """Starts a transaction that will write. On SQLite it takes the write lock at once (BEGIN
    IMMEDIATE): a deferred transaction that read first fails at its first write, without waiting,
    as soon as another connection committed in between (SQLITE_BUSY_SNAPSHOT). Elsewhere, and on a
    connection already in a transaction, it does nothing."""
    if connection.dialect.name == "sqlite" and not connection.in_transaction():
        connection.exec_driver_sql("BEGIN IMMEDIATE")
