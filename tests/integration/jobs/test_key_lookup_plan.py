"""Finding a job by owner and idempotency key is answered from the partial unique index on
(owner, idempotency_key), on both databases, so a retry costs the same however many jobs the owner has."""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, select

from spacetime_service.adapters.sqlalchemy.jobs import statements
from spacetime_service.adapters.sqlalchemy.jobs.tables import jobs
from tests.support.jobs.sql_databases import job_database

INDEX = "uq_jobs_owner_idempotency_key"


def _plan(connection: Connection, prefix: str) -> str:
    """The plan of the repository's lookup, its two values written in as literals."""
    lookup = select(jobs).where(statements.keyed("alice", "nightly"))
    sql = lookup.compile(connection, compile_kwargs={"literal_binds": True})
    return "\n".join(str(row[-1]) for row in connection.exec_driver_sql(f"{prefix} {sql}"))


def test_sqlite_searches_the_key_index(request: pytest.FixtureRequest) -> None:
    with job_database(request, "sqlite") as engine, engine.connect() as connection:
        plan = _plan(connection, "EXPLAIN QUERY PLAN")

    assert f"SEARCH jobs USING INDEX {INDEX} (owner=? AND idempotency_key=?)" in plan, plan


@pytest.mark.postgres
def test_postgresql_can_answer_from_the_key_index(request: pytest.FixtureRequest) -> None:
    with job_database(request, "postgresql") as engine, engine.begin() as connection:
        # An empty table is cheapest to scan whole; without that choice the index must serve.
        connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
        plan = _plan(connection, "EXPLAIN")

    assert f"Index Scan using {INDEX} on jobs" in plan, plan
