"""The catalog and order tables. Alembic migrations create them; `metadata` is their single source."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

from spacetime_service.adapters.sqlalchemy.schema.column_types import Identifier, Money, UtcDateTime

metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

products = Table(
    "products",
    metadata,
    Column("id", Identifier, primary_key=True, autoincrement=True),
    Column("sku", String(32), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("category", String(32), nullable=False),
    Column("price", Money, nullable=False),
    Column("stock", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    CheckConstraint("price >= 0", name="price_not_negative"),
    CheckConstraint("stock >= 0", name="stock_not_negative"),
)
# Keyset pages sort on (field, id); each allow-listed sort field has its index.
Index(None, products.c.category, products.c.id)
Index(None, products.c.price, products.c.id)
Index(None, products.c.name, products.c.id)
Index(None, products.c.stock, products.c.id)
Index(None, products.c.created_at, products.c.id)
Index(None, products.c.updated_at, products.c.id)

orders = Table(
    "orders",
    metadata,
    Column("id", Identifier, primary_key=True, autoincrement=True),
    Column("customer_id", Integer, nullable=False),
    Column("product_id", Identifier, ForeignKey("products.id"), nullable=False),
    Column("quantity", Integer, nullable=False),
    Column("unit_price", Money, nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    CheckConstraint("quantity > 0", name="quantity_positive"),
    CheckConstraint("unit_price >= 0", name="unit_price_not_negative"),
    CheckConstraint("status IN ('placed', 'shipped', 'returned', 'cancelled')", name="status_known"),
)
Index(None, orders.c.created_at, orders.c.id)
Index(None, orders.c.customer_id, orders.c.id)
Index(None, orders.c.product_id, orders.c.id)

# The idempotency key an owner gave when it placed an order over HTTP: the same key again reads the same
# order back instead of placing another. Kept apart from `orders` so that the history stays as it is.
order_idempotency_keys = Table(
    "order_idempotency_keys",
    metadata,
    Column("placed_by", String(200), primary_key=True),
    Column("idempotency_key", String(200), primary_key=True),
    # No foreign key: orders are never deleted, and one would make `TRUNCATE orders` name this table.
    Column("order_id", Identifier, nullable=False),
)
