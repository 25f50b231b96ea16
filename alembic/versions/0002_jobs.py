"""Jobs: the durable job records, each with its checkpoint, and the indexes that claims, listings and
idempotent submissions use.

Revision ID: 0002
Revises: 0001
Create Date: 2025-01-02

Written by hand to match `jobs/tables.py`; the autogenerate comparison in the tests proves they agree.
Types are spelled out here (not imported) so that this revision never changes when the code does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC_TIME = sa.DateTime(timezone=True)
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_NAME = sa.String(200)
_ID = sa.String(200).with_variant(sa.String(200, collation="C"), "postgresql")
_STATUSES = "'queued', 'running', 'cancelling', 'cancelled', 'succeeded', 'failed'"


def upgrade() -> None:
    op.create_table(
        "jobs",
        sa.Column("id", _ID, nullable=False),
        sa.Column("kind", _NAME, nullable=False),
        sa.Column("owner", _NAME, nullable=False),
        sa.Column("idempotency_key", _NAME, nullable=True),
        sa.Column("request_hash", sa.String(64), nullable=False),
        sa.Column("request", _JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempt", sa.Integer(), nullable=False),
        sa.Column("lease_holder", _NAME, nullable=True),
        sa.Column("lease_expires_at", _UTC_TIME, nullable=True),
        sa.Column("heartbeat_at", _UTC_TIME, nullable=True),
        sa.Column("progress_done", sa.BigInteger(), nullable=False),
        sa.Column("progress_total", sa.BigInteger(), nullable=True),
        sa.Column("progress_unit", sa.String(32), nullable=False),
        sa.Column("eta_seconds", sa.Double(), nullable=True),
        sa.Column("checkpoint", _JSON, nullable=True),
        sa.Column("result_ref", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", _UTC_TIME, nullable=False),
        sa.Column("started_at", _UTC_TIME, nullable=True),
        sa.Column("finished_at", _UTC_TIME, nullable=True),
        sa.Column("updated_at", _UTC_TIME, nullable=False),
        sa.Column("version", sa.BigInteger(), nullable=False),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_jobs_status_known")),
        sa.CheckConstraint("attempt >= 0", name=op.f("ck_jobs_attempt_not_negative")),
        sa.CheckConstraint("progress_done >= 0", name=op.f("ck_jobs_progress_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
    )
    op.create_index(op.f("ix_jobs_status_lease_expires_at"), "jobs", ["status", "lease_expires_at"])
    op.create_index(op.f("ix_jobs_created_at_id"), "jobs", ["created_at", "id"])
    op.create_index(op.f("ix_jobs_owner_created_at_id"), "jobs", ["owner", "created_at", "id"])
    keyed = sa.text("idempotency_key IS NOT NULL")
    op.create_index(
        "uq_jobs_owner_idempotency_key",
        "jobs",
        ["owner", "idempotency_key"],
        unique=True,
        postgresql_where=keyed,
        sqlite_where=keyed,
    )


def downgrade() -> None:
    op.drop_table("jobs")
