"""API keys of service accounts: one row per key, with the SHA-256 of its secret.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05

Written by hand to match `api_keys/tables.py`; the autogenerate comparison in the tests proves they
agree. Types are spelled out here (not imported) so that this revision never changes when the code does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "api_keys",
        sa.Column("id", sa.String(32), nullable=False),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("scopes", sa.Text(), nullable=False),
        sa.Column("secret_hash", sa.String(64), nullable=False),
        sa.Column("created_at", _UTC_TIME, nullable=False),
        sa.Column("expires_at", _UTC_TIME, nullable=True),
        sa.Column("last_used_at", _UTC_TIME, nullable=True),
        sa.Column("revoked_at", _UTC_TIME, nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_keys")),
    )
    op.create_index(op.f("ix_api_keys_created_at_id"), "api_keys", ["created_at", "id"])
    op.create_index(op.f("ix_api_keys_owner_created_at_id"), "api_keys", ["owner", "created_at", "id"])


def downgrade() -> None:
    op.drop_table("api_keys")
