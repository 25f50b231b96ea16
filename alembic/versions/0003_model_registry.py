"""Model registry: one row per model version, and the aliases that name versions per task.

Revision ID: 0003
Revises: 0002
Create Date: 2025-01-03

Written by hand to match `model_registry/tables.py`; the autogenerate comparison in the tests proves
they agree. Types are spelled out here (not imported) so that this revision never changes when the
code does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC_TIME = sa.DateTime(timezone=True)
_JSON = sa.JSON().with_variant(postgresql.JSONB(), "postgresql")
_MODEL_ID = sa.String(64).with_variant(sa.String(64, collation="C"), "postgresql")
_STATUSES = "'training', 'ready', 'failed', 'archived'"


def upgrade() -> None:
    op.create_table(
        "model_versions",
        sa.Column("id", _MODEL_ID, nullable=False),
        sa.Column("task", sa.String(64), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("request", _JSON, nullable=False),
        sa.Column("metrics", _JSON, nullable=False),
        sa.Column("epoch_metrics", _JSON, nullable=False),
        sa.Column("trained_range", _JSON, nullable=True),
        sa.Column("job_id", sa.String(200), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", _UTC_TIME, nullable=False),
        sa.Column("updated_at", _UTC_TIME, nullable=False),
        sa.Column("finished_at", _UTC_TIME, nullable=True),
        sa.CheckConstraint(f"status IN ({_STATUSES})", name=op.f("ck_model_versions_status_known")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_model_versions")),
    )
    op.create_index(op.f("ix_model_versions_created_at_id"), "model_versions", ["created_at", "id"])
    op.create_index(
        op.f("ix_model_versions_task_created_at_id"), "model_versions", ["task", "created_at", "id"]
    )
    op.create_table(
        "model_aliases",
        sa.Column("task", sa.String(64), nullable=False),
        sa.Column("name", sa.String(32), nullable=False),
        sa.Column("model_id", _MODEL_ID, nullable=False),
        sa.Column("updated_at", _UTC_TIME, nullable=False),
        sa.ForeignKeyConstraint(
            ["model_id"], ["model_versions.id"], name=op.f("fk_model_aliases_model_id_model_versions")
        ),
        sa.PrimaryKeyConstraint("task", "name", name=op.f("pk_model_aliases")),
    )
    op.create_index(op.f("ix_model_aliases_model_id"), "model_aliases", ["model_id"])


def downgrade() -> None:
    op.drop_table("model_aliases")
    op.drop_table("model_versions")
