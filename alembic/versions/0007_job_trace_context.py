"""Jobs: the trace context of the request that submitted a job, and that of its latest attempt.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05

Written by hand to match `jobs/tables.py`; the autogenerate comparison in the tests proves they
agree. Existing jobs get neither: their attempts start traces of their own. Types are spelled out here
(not imported) so that this revision never changes when the code does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("jobs", sa.Column("trace_parent", sa.String(128), nullable=True))
    op.add_column("jobs", sa.Column("attempt_trace_parent", sa.String(128), nullable=True))


def downgrade() -> None:
    op.drop_column("jobs", "attempt_trace_parent")
    op.drop_column("jobs", "trace_parent")
