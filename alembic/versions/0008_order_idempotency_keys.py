"""Orders placed over HTTP: the idempotency key each owner gave, and the order it placed.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05

A table of its own rather than columns of `orders`: the order history stays exactly the rows every
export, report and training reads, and only orders placed with a key have a row here. Written by hand
to match `catalog_tables.py`; the autogenerate comparison in the tests proves they agree. `order_id`
has no foreign key: the service never deletes an order, and a key on `orders` would make every
`TRUNCATE orders` (tests, operators' resets) name this table too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_IDENTIFIER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "order_idempotency_keys",
        sa.Column("placed_by", sa.String(200), nullable=False),
        sa.Column("idempotency_key", sa.String(200), nullable=False),
        sa.Column("order_id", _IDENTIFIER, nullable=False),
        sa.PrimaryKeyConstraint("placed_by", "idempotency_key", name=op.f("pk_order_idempotency_keys")),
    )


def downgrade() -> None:
    op.drop_table("order_idempotency_keys")
