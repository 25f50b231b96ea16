"""Products written by sku with INSERT ... ON CONFLICT (sku) DO UPDATE, on SQLite and PostgreSQL alike.

A chunk first goes to a temporary table by the driver's bulk path (psycopg's COPY, sqlite3's
executemany of one prepared INSERT), then one INSERT ... SELECT upserts it: the database's own bulk
load plus one upsert, with no per-row work left in SQLAlchemy. Measured on a 200k-row import (py-spy),
the multi-row VALUES upsert took 70 % of the SQLite job, more than a third of that SQLAlchemy binding
each row's values. Each statement's rows are counted in the database (PostgreSQL) or by the cursor's
row count (SQLite), so no row per write comes back (docs/import.md, "Speed").
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import psycopg

from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.imports import chunk_sql
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.application.ports.product_upserter import UpsertCounts
from spacetime_service.domain.errors import Unavailable
from spacetime_service.domain.money import to_cents

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from sqlalchemy import Connection

    from spacetime_service.domain.imports import ImportRecord

Row = tuple[str, str, str, str, int, int]


class SqlAlchemyProductUpserter:
    """A ProductUpserter on the unit of work's connection. Per chunk it loads the records into a
    temporary table, then writes only the new and the changed rows and counts them: on PostgreSQL one
    upsert whose DO UPDATE applies where a value differs, counting its returned rows by whether they
    were inserted; on SQLite an UPDATE ... FROM of the changed rows, then an INSERT ... DO NOTHING of the
    new ones. A record neither inserted nor updated was unchanged."""

    def __init__(self, connection: Connection) -> None:
        self._connection = connection

    def upsert(self, records: Sequence[ImportRecord], now: datetime) -> UpsertCounts:
        if not records:
            return UpsertCounts()
        rows: list[Row] = [
            (r.sku, r.name, r.description, r.category, to_cents(r.price), r.stock) for r in records
        ]
        with translated_errors():
            if self._connection.dialect.name == "postgresql":
                inserted, written = self._postgresql(rows, now)
            else:
                inserted, written = self._sqlite(rows, now)
        return UpsertCounts(inserted, written - inserted, len(rows) - written)

    def _sqlite(self, rows: list[Row], now: datetime) -> tuple[int, int]:
        run = self._connection.exec_driver_sql
        run(chunk_sql.SQLITE_CREATE)
        run(chunk_sql.EMPTY)
        run(chunk_sql.SQLITE_LOAD, rows)  # a list of tuples: one executemany
        bound = self._bound_time(now)
        updated = run(chunk_sql.SQLITE_UPDATE, (bound,)).rowcount
        inserted = run(chunk_sql.SQLITE_INSERT, (bound, bound)).rowcount
        return inserted, inserted + updated

    def _postgresql(self, rows: list[Row], now: datetime) -> tuple[int, int]:
        run = self._connection.exec_driver_sql
        run(chunk_sql.POSTGRESQL_CREATE)
        run(chunk_sql.EMPTY)
        driver: psycopg.Connection[Any] = self._connection.connection.driver_connection  # type: ignore[assignment]
        try:
            with driver.cursor() as cursor, cursor.copy(chunk_sql.POSTGRESQL_LOAD) as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.OperationalError as error:
            raise Unavailable("the database is unavailable or busy; retry later") from error
        inserted, written = run(chunk_sql.POSTGRESQL_UPSERT, (now, now)).one()
        return int(inserted), int(written)

    def _bound_time(self, now: datetime) -> object:
        # The column type's own form of the time (fixed-width UTC text on SQLite), as a bound parameter.
        dialect = self._connection.dialect
        processor = products.c.updated_at.type.dialect_impl(dialect).bind_processor(dialect)
        return processor(now) if processor is not None else now
