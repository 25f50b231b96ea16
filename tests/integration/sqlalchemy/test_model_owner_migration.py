"""Revision 0006 gives every model version the owner of its training job and every alias the owner of
its version, and going down keeps one alias per task and name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from alembic import command
from sqlalchemy import text

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import alembic_config

T0 = datetime(2026, 1, 1, tzinfo=UTC)
_JOB = (
    "INSERT INTO jobs (id, kind, owner, request_hash, request, status, attempt, progress_done,"
    " progress_unit, created_at, updated_at, version)"
    " VALUES (:id, 'train_model', :owner, 'h', '{}', 'succeeded', 1, 0, 'rows', :at, :at, 1)"
)
_VERSION = (
    "INSERT INTO model_versions (id, task, status, request, metrics, epoch_metrics, job_id,"
    " created_at, updated_at) VALUES (:id, 'order_returned', 'ready', '{}', '{}', '[]', :job, :at, :at)"
)
_ALIAS = (
    "INSERT INTO model_aliases (task, name, model_id, updated_at) VALUES ('order_returned', :name, :id, :at)"
)


def test_versions_and_aliases_get_their_jobs_owners_and_step_back(database_url: str) -> None:
    config = alembic_config(database_url)
    command.upgrade(config, "0005")
    engine = create_database_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(text(_JOB), {"id": "m-alice", "owner": "alice", "at": T0})
            connection.execute(text(_VERSION), {"id": "m-alice", "job": "m-alice", "at": T0})
            connection.execute(text(_VERSION), {"id": "m-orphan", "job": "gone", "at": T0})
            connection.execute(text(_ALIAS), {"name": "production", "id": "m-alice", "at": T0})

        command.upgrade(config, "0006")
        with engine.begin() as connection:
            rows = connection.execute(text("SELECT id, owner FROM model_versions")).all()
            owners: dict[str, str] = {row.id: row.owner for row in rows}
            aliases = connection.execute(text("SELECT owner, name, model_id FROM model_aliases")).all()
            # Per owner now: another owner may take the same alias name.
            connection.execute(
                text(
                    "INSERT INTO model_aliases (owner, task, name, model_id, updated_at)"
                    " VALUES ('anonymous', 'order_returned', 'production', 'm-orphan', :at)"
                ),
                {"at": T0 + timedelta(hours=1)},
            )

        command.downgrade(config, "0005")
        with engine.begin() as connection:
            kept = connection.execute(text("SELECT name, model_id FROM model_aliases")).all()
    finally:
        engine.dispose()
        command.upgrade(config, "head")

    assert owners == {"m-alice": "alice", "m-orphan": "anonymous"}
    assert [tuple(row) for row in aliases] == [("alice", "production", "m-alice")]
    assert [tuple(row) for row in kept] == [("production", "m-orphan")]
