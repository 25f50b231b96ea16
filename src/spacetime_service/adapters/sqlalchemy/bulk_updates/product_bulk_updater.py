"""Set-based product updates in keyset chunks, on the unit of work's connection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Connection, func, select, update

from spacetime_service.adapters.sqlalchemy.bulk_updates.sql import column_change
from spacetime_service.adapters.sqlalchemy.catalog.filters import product_conditions
from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.application.ports.product_bulk_updater import ChunkEnd

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.domain.bulk_updates import BulkUpdate


def _would_change(bulk: BulkUpdate, after_id: int, upto_id: int) -> list[ColumnElement[bool]]:
    """The update's filter, the id range (after_id, upto_id], and "a value differs"."""
    conditions = product_conditions(bulk.target.product_filter())
    return [
        *conditions,
        products.c.id > after_id,
        products.c.id <= upto_id,
        column_change(bulk.operation).differs,
    ]


class SqlAlchemyProductBulkUpdater:
    """A ProductBulkUpdater whose chunks are ranges of the primary key: the chunk's end comes from
    an index walk (`ORDER BY id LIMIT n`), and the change is one UPDATE over (after_id, end]."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def max_id(self) -> int:
        with translated_errors():
            return int(
                self._connection.execute(select(func.coalesce(func.max(products.c.id), 0))).scalar_one()
            )

    def count_changes(self, bulk: BulkUpdate, upto_id: int) -> int:
        statement = select(func.count()).select_from(products).where(*_would_change(bulk, 0, upto_id))
        with translated_errors():
            return int(self._connection.execute(statement).scalar_one())

    def next_chunk_end(self, bulk: BulkUpdate, after_id: int, upto_id: int, limit: int) -> ChunkEnd | None:
        chunk = (
            select(products.c.id)
            .where(*_would_change(bulk, after_id, upto_id))
            .order_by(products.c.id)
            .limit(limit)
            .subquery()
        )
        with translated_errors():
            last_id, rows = self._connection.execute(select(func.max(chunk.c.id), func.count())).one()
        return None if last_id is None else ChunkEnd(int(last_id), int(rows))

    def apply(self, bulk: BulkUpdate, after_id: int, upto_id: int, now: datetime) -> int:
        change = column_change(bulk.operation)
        statement = (
            update(products)
            .where(*_would_change(bulk, after_id, upto_id))
            .values({change.column: change.value, "updated_at": now})
        )
        with translated_errors():
            return int(self._connection.execute(statement).rowcount)
