"""Model registry: every model version and every alias belongs to an owner.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05

Written by hand to match `model_registry/tables.py`; the autogenerate comparison in the tests proves
they agree. A version gets the owner of its training job (`anonymous` when the job is gone), an alias
the owner of the version it names; aliases become per owner, (owner, task, name). Going down, where
several owners had an alias of one name, the most recently pointed one is kept. Types are spelled out
here (not imported) so that this revision never changes when the code does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OWNER = sa.String(200)


def upgrade() -> None:
    # SQLite adds a NOT NULL column only with a default, and cannot drop that default without copying
    # the table, which the aliases' foreign key forbids while any alias exists: there the default
    # stays. Every insert names its owner; PostgreSQL drops the default.
    op.add_column("model_versions", sa.Column("owner", _OWNER, nullable=False, server_default="anonymous"))
    op.execute(
        "UPDATE model_versions SET owner = COALESCE("
        "(SELECT jobs.owner FROM jobs WHERE jobs.id = model_versions.job_id), 'anonymous')"
    )
    if op.get_bind().dialect.name != "sqlite":
        op.alter_column("model_versions", "owner", existing_type=_OWNER, server_default=None)
    op.drop_index("ix_model_versions_created_at_id", table_name="model_versions")
    op.drop_index("ix_model_versions_task_created_at_id", table_name="model_versions")
    op.create_index("ix_model_versions_owner_created_at_id", "model_versions", ["owner", "created_at", "id"])
    op.create_index(
        "ix_model_versions_owner_task_created_at_id", "model_versions", ["owner", "task", "created_at", "id"]
    )
    op.add_column("model_aliases", sa.Column("owner", _OWNER, nullable=True))
    op.execute(
        "UPDATE model_aliases SET owner ="
        " (SELECT model_versions.owner FROM model_versions WHERE model_versions.id = model_aliases.model_id)"
    )
    # Nothing references the aliases, so SQLite may copy that table to change its key.
    with op.batch_alter_table("model_aliases") as batch:
        batch.alter_column("owner", existing_type=_OWNER, nullable=False)
        batch.drop_constraint("pk_model_aliases", type_="primary")
        batch.create_primary_key("pk_model_aliases", ["owner", "task", "name"])


def downgrade() -> None:
    op.execute(
        "DELETE FROM model_aliases WHERE EXISTS (SELECT 1 FROM model_aliases AS newer"
        " WHERE newer.task = model_aliases.task AND newer.name = model_aliases.name"
        " AND (newer.updated_at > model_aliases.updated_at"
        " OR (newer.updated_at = model_aliases.updated_at AND newer.owner > model_aliases.owner)))"
    )
    with op.batch_alter_table("model_aliases") as batch:
        batch.drop_constraint("pk_model_aliases", type_="primary")
        batch.create_primary_key("pk_model_aliases", ["task", "name"])
        batch.drop_column("owner")
    op.drop_index("ix_model_versions_owner_created_at_id", table_name="model_versions")
    op.drop_index("ix_model_versions_owner_task_created_at_id", table_name="model_versions")
    op.create_index("ix_model_versions_created_at_id", "model_versions", ["created_at", "id"])
    op.create_index("ix_model_versions_task_created_at_id", "model_versions", ["task", "created_at", "id"])
    # A plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+), not a copy of the referenced table.
    op.drop_column("model_versions", "owner")
