"""Products written by sku with INSERT ... ON CONFLICT (sku) DO UPDATE, on SQLite and PostgreSQL alike.

On PostgreSQL a batch travels as one array per column through `unnest`: a short statement whose text
psycopg parses once, where a multi-row VALUES of 4,000 placeholders was parsed again for every batch
(11 of the 31 s a 200k-row import took). SQLite gets the multi-row VALUES SQLAlchemy builds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Connection, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.application.ports.product_upserter import UpsertCounts
from spacetime_service.domain.money import to_cents

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from spacetime_service.domain.imports import ImportRecord

# Rows per statement: 9 parameters each stays well below SQLite's 32 766 and PostgreSQL's 65 535.
ROWS_PER_STATEMENT = 500
_VALUES = ("name", "description", "category", "price", "stock")
# Fixed text: the table and column names are the schema's, every value is a bound array.
_PG_EXISTING = "SELECT sku FROM products WHERE sku = ANY(%(skus)s::text[])"
_PG_UPSERT = (
    "INSERT INTO products (sku, name, description, category, price, stock, created_at, updated_at)"
    " SELECT sku, name, description, category, price, stock, %(now)s, %(now)s FROM unnest("
    "%(skus)s::text[], %(names)s::text[], %(descriptions)s::text[], %(categories)s::text[],"
    " %(prices)s::bigint[], %(stocks)s::integer[])"
    " AS incoming(sku, name, description, category, price, stock)"
    " ON CONFLICT (sku) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _VALUES)
    + ", updated_at = excluded.updated_at WHERE "
    + " OR ".join(f"products.{name} <> excluded.{name}" for name in _VALUES)
    + " RETURNING sku"
)


class SqlAlchemyProductUpserter:
    """A ProductUpserter on the unit of work's connection. Per batch of rows it reads which skus exist,
    then runs one upsert whose DO UPDATE applies only where a value differs and which returns the skus
    it wrote: a returned sku that existed was updated, one that did not was inserted, and a record
    whose sku was not returned was unchanged. The rows are right whatever runs beside it; the counts
    are exact unless another transaction writes one of the same skus between the two statements."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def upsert(self, records: Sequence[ImportRecord], now: datetime) -> UpsertCounts:
        inserted = updated = 0
        on_postgresql = self._connection.dialect.name == "postgresql"
        # Arrays have no parameter limit: PostgreSQL takes the whole chunk in one statement.
        step = max(1, len(records)) if on_postgresql else ROWS_PER_STATEMENT
        for start in range(0, len(records), step):
            batch = records[start : start + step]
            skus = [record.sku for record in batch]
            with translated_errors():
                if on_postgresql:
                    existing, written = self._postgresql(batch, now)
                else:
                    existing = set(
                        self._connection.scalars(select(products.c.sku).where(products.c.sku.in_(skus)))
                    )
                    written = set(self._connection.scalars(self._statement(), self._rows(batch, now)))
            inserted += len(written - existing)
            updated += len(written & existing)
        return UpsertCounts(inserted, updated, len(records) - inserted - updated)

    def _postgresql(self, batch: Sequence[ImportRecord], now: datetime) -> tuple[set[str], set[str]]:
        columns: dict[str, object] = {
            "skus": [record.sku for record in batch],
            "names": [record.name for record in batch],
            "descriptions": [record.description for record in batch],
            "categories": [record.category for record in batch],
            "prices": [to_cents(record.price) for record in batch],
            "stocks": [record.stock for record in batch],
            "now": now,
        }
        existing = set(self._connection.exec_driver_sql(_PG_EXISTING, {"skus": columns["skus"]}).scalars())
        written = set(self._connection.exec_driver_sql(_PG_UPSERT, columns).scalars())
        return existing, written

    @staticmethod
    def _rows(batch: Sequence[ImportRecord], now: datetime) -> list[dict[str, Any]]:
        return [
            {
                "sku": record.sku,
                "name": record.name,
                "description": record.description,
                "category": record.category,
                "price": record.price,
                "stock": record.stock,
                "created_at": now,
                "updated_at": now,
            }
            for record in batch
        ]

    def _statement(self) -> Any:
        # One statement for every batch, executed with a list of rows: SQLAlchemy compiles it once
        # (cached) and sends the rows as multi-row VALUES ("insertmanyvalues"), where a statement
        # built with the rows in it would be compiled again for every batch.
        dialect = self._connection.dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        statement = insert(products)
        excluded = statement.excluded
        differs: list[ColumnElement[bool]] = [products.c[name] != excluded[name] for name in _VALUES]
        return statement.on_conflict_do_update(
            index_elements=[products.c.sku],
            set_={**{name: excluded[name] for name in _VALUES}, "updated_at": excluded.updated_at},
            where=or_(*differs),
        ).returning(products.c.sku)
