"""Products written by sku with INSERT ... ON CONFLICT (sku) DO UPDATE, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, or_, select
from sqlalchemy.dialects import postgresql, sqlite

from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.tables import products
from spacetime_service.application.ports.product_upserter import UpsertCounts
from spacetime_service.domain.product_import import ImportRecord

# Rows per statement: 9 parameters each stays well below SQLite's 32 766 and PostgreSQL's 65 535.
ROWS_PER_STATEMENT = 500
_VALUES = ("name", "description", "category", "price", "stock")


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
        for start in range(0, len(records), ROWS_PER_STATEMENT):
            batch = records[start : start + ROWS_PER_STATEMENT]
            skus = [record.sku for record in batch]
            with translated_errors():
                existing = set(
                    self._connection.scalars(select(products.c.sku).where(products.c.sku.in_(skus)))
                )
                written = set(self._connection.scalars(self._statement(), self._rows(batch, now)))
            inserted += len(written - existing)
            updated += len(written & existing)
        return UpsertCounts(inserted, updated, len(records) - inserted - updated)

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
