"""What a test reads straight from PostgreSQL while the service's own request pool is exhausted: the
status of a job, and how many lock requests wait."""

from __future__ import annotations

import psycopg


def waiting_locks(dsn: str, table: str | None = None) -> int:
    """Lock requests not granted in the current database; on `table` only when it is given."""
    query = (
        "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database"
        " WHERE NOT l.granted AND d.datname = current_database()"
    )
    with psycopg.connect(dsn, autocommit=True) as connection:
        if table is None:
            row = connection.execute(query).fetchone()
        else:
            row = connection.execute(query + " AND l.relation = to_regclass(%s)", (table,)).fetchone()
    return int(row[0]) if row else 0


def job_status(dsn: str, job_id: str) -> str:
    with psycopg.connect(dsn, autocommit=True) as connection:
        row = connection.execute("SELECT status FROM jobs WHERE CAST(id AS TEXT) = %s", (job_id,)).fetchone()
    assert row is not None, f"no job {job_id}"
    return str(row[0])
