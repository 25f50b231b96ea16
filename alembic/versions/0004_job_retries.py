"""Jobs: the count of transient faults a job was retried after, and the last one.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Written by hand to match `jobs/tables.py`; the autogenerate comparison in the tests proves they
agree. Existing jobs get `retries` 0 and no `retry_error`. Types are spelled out here (not imported)
so that this revision never changes when the code does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("retries", sa.Integer(), server_default=sa.text("0"), nullable=False))
    op.add_column("jobs", sa.Column("retry_error", sa.Text(), nullable=True))


def downgrade() -> None:
    op.drop_column("jobs", "retry_error")
    op.drop_column("jobs", "retries")
