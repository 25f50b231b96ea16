"""The catalog and the order history: products and orders, with their keyset indexes.

Revision ID: 0001
Revises:
Create Date: 2025-01-01

Written by hand to match `tables.py`; the autogenerate comparison in the tests proves they agree.
Types are spelled out here (not imported) so that this revision never changes when the code does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa
from alembic import op

if TYPE_CHECKING:
    from collections.abc import Sequence

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# SQLite makes only an INTEGER PRIMARY KEY an alias of the rowid.
_IDENTIFIER = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_CENTS = sa.BigInteger()
_UTC_TIME = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "products",
        sa.Column("id", _IDENTIFIER, autoincrement=True, nullable=False),
        sa.Column("sku", sa.String(32), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("category", sa.String(32), nullable=False),
        sa.Column("price", _CENTS, nullable=False),
        sa.Column("stock", sa.Integer(), nullable=False),
        sa.Column("created_at", _UTC_TIME, nullable=False),
        sa.Column("updated_at", _UTC_TIME, nullable=False),
        sa.CheckConstraint("price >= 0", name=op.f("ck_products_price_not_negative")),
        sa.CheckConstraint("stock >= 0", name=op.f("ck_products_stock_not_negative")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_products")),
        sa.UniqueConstraint("sku", name=op.f("uq_products_sku")),
    )
    for column in ("category", "price", "name", "stock", "created_at", "updated_at"):
        op.create_index(op.f(f"ix_products_{column}_id"), "products", [column, "id"])
    op.create_table(
        "orders",
        sa.Column("id", _IDENTIFIER, autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("product_id", _IDENTIFIER, nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("unit_price", _CENTS, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("created_at", _UTC_TIME, nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_orders_quantity_positive")),
        sa.CheckConstraint("unit_price >= 0", name=op.f("ck_orders_unit_price_not_negative")),
        sa.CheckConstraint(
            "status IN ('placed', 'shipped', 'returned', 'cancelled')", name=op.f("ck_orders_status_known")
        ),
        sa.ForeignKeyConstraint(["product_id"], ["products.id"], name=op.f("fk_orders_product_id_products")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
    )
    for column in ("created_at", "customer_id", "product_id"):
        op.create_index(op.f(f"ix_orders_{column}_id"), "orders", [column, "id"])


def downgrade() -> None:
    op.drop_table("orders")
    op.drop_table("products")
