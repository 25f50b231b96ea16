"""Honest outside checks that no connection of the server still holds a read transaction.

SQLite: a write followed by `PRAGMA wal_checkpoint(TRUNCATE)` from another connection can copy the whole
log into the database and empty it only when no reader holds an older snapshot (in rollback-journal mode
the write's COMMIT itself fails while a reader holds its lock). PostgreSQL: pg_stat_activity shows every
backend of the database that is running a query or idles inside a transaction.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

import psycopg

if TYPE_CHECKING:
    from pathlib import Path

BUSY_STATES = ("active", "idle in transaction", "idle in transaction (aborted)")


def sqlite_snapshot_held(path: Path) -> bool:
    """True while another connection holds a read snapshot (or lock) of the database file."""
    connection = sqlite3.connect(path, timeout=0.2, isolation_level=None)
    try:
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.execute("INSERT INTO e2e_probe_writes (n) VALUES (1)")
            connection.execute("COMMIT")
        except sqlite3.OperationalError as error:
            if "locked" in str(error) or "busy" in str(error):
                return True
            raise
        busy, log_frames, checkpointed = connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        return bool(busy) or log_frames != checkpointed
    finally:
        connection.close()


def postgres_busy_backends(dsn: str) -> list[tuple[int, str, str]]:
    """(pid, state, query) of every other backend of this database that is in a query or transaction."""
    with psycopg.connect(dsn, autocommit=True) as connection:
        rows = connection.execute(
            "SELECT pid, state, query FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = ANY(%s)",
            (list(BUSY_STATES),),
        ).fetchall()
    return [(int(pid), str(state), str(query)) for pid, state, query in rows]
