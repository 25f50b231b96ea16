"""Bulk loading into PostgreSQL through psycopg's COPY, in one transaction: indexes of an empty table
built once at the end, id sequences moved past the loaded ids, statistics refreshed."""

from __future__ import annotations

from typing import TYPE_CHECKING

import psycopg
from psycopg import sql

from spacetime_service.application.ports.catalog_loader import CatalogSize, OrderRows, ProductRows

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

_PRODUCT_COLUMNS = (
    "id",
    "sku",
    "name",
    "description",
    "category",
    "price",
    "stock",
    "created_at",
    "updated_at",
)
_ORDER_COLUMNS = ("id", "customer_id", "product_id", "quantity", "unit_price", "status", "created_at")
# Indexes that back no constraint (primary key, unique): these can be dropped and rebuilt.
_PLAIN_INDEXES = """
SELECT index_class.relname, pg_get_indexdef(index_class.oid)
FROM pg_index
JOIN pg_class AS index_class ON index_class.oid = pg_index.indexrelid
WHERE pg_index.indrelid = to_regclass(%s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE pg_constraint.conindid = pg_index.indexrelid)
"""
_RESET_SEQUENCE = (
    "SELECT setval(pg_get_serial_sequence({table}, 'id'), max(id)) FROM {name} HAVING max(id) IS NOT NULL"
)


def _order_lines(batch: OrderRows) -> bytes:
    """COPY text lines; every field is a number, a status word or a timestamp, so none needs escaping."""
    # Here, not at the top: NumPy only once rows are loaded (`spacetime serve` only counts them).
    from spacetime_service.adapters.sqlalchemy.catalog_loading.timestamps import utc_text

    lines = [
        f"{row_id}\t{customer}\t{product}\t{quantity}\t{price}\t{status}\t{created}\n"
        for row_id, customer, product, quantity, price, status, created in zip(
            batch.ids, batch.customer_ids, batch.product_ids, batch.quantities, batch.unit_price_cents,
            batch.statuses, utc_text(batch.created_at_us, "+00"), strict=True,
        )
    ]  # fmt: skip
    return "".join(lines).encode()


def _product_records(batch: ProductRows) -> Iterator[tuple[object, ...]]:
    # Here, not at the top: NumPy only once rows are loaded (`spacetime serve` only counts them).
    from spacetime_service.adapters.sqlalchemy.catalog_loading.timestamps import utc_text

    return zip(
        batch.ids, batch.skus, batch.names, batch.descriptions, batch.categories, batch.price_cents,
        batch.stock, utc_text(batch.created_at_us, "+00"), utc_text(batch.updated_at_us, "+00"), strict=True,
    )  # fmt: skip


def _copy(table: str, columns: tuple[str, ...]) -> sql.Composed:
    return sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(table), sql.SQL(", ").join(map(sql.Identifier, columns))
    )


class PostgresBulkLoad:
    """Products through `write_row` (psycopg escapes their free text), orders as ready-made text lines,
    everything in the connection's one transaction: committed at the end, rolled back on any error."""

    def __init__(self, connection: psycopg.Connection[tuple[object, ...]]) -> None:
        self._connection = connection

    def run(self, products: Iterable[ProductRows], orders: Iterable[OrderRows]) -> CatalogSize:
        try:
            with self._connection.cursor() as cursor:
                product_count = self._products(cursor, products)
                order_count = self._orders(cursor, orders)
                for table in ("products", "orders"):
                    cursor.execute(
                        sql.SQL(_RESET_SEQUENCE).format(table=sql.Literal(table), name=sql.Identifier(table))
                    )
                    cursor.execute(sql.SQL("ANALYZE {}").format(sql.Identifier(table)))
            self._connection.commit()
        except BaseException:
            self._connection.rollback()
            raise
        return CatalogSize(products=product_count, orders=order_count)

    def _products(self, cursor: psycopg.Cursor[tuple[object, ...]], batches: Iterable[ProductRows]) -> int:
        rebuild = self._drop_plain_indexes_if_empty(cursor, "products")
        loaded = 0
        with cursor.copy(_copy("products", _PRODUCT_COLUMNS)) as copy:
            for batch in batches:
                for record in _product_records(batch):
                    copy.write_row(record)
                loaded += len(batch)
        for ddl in rebuild:
            cursor.execute(ddl.encode())  # the DDL PostgreSQL itself reported for the index
        return loaded

    def _orders(self, cursor: psycopg.Cursor[tuple[object, ...]], batches: Iterable[OrderRows]) -> int:
        rebuild = self._drop_plain_indexes_if_empty(cursor, "orders")
        loaded = 0
        with cursor.copy(_copy("orders", _ORDER_COLUMNS)) as copy:
            for batch in batches:
                copy.write(_order_lines(batch))
                loaded += len(batch)
        for ddl in rebuild:
            cursor.execute(ddl.encode())
        return loaded

    def _drop_plain_indexes_if_empty(
        self, cursor: psycopg.Cursor[tuple[object, ...]], table: str
    ) -> list[str]:
        cursor.execute(sql.SQL("SELECT EXISTS (SELECT 1 FROM {})").format(sql.Identifier(table)))
        row = cursor.fetchone()
        if row is None or row[0]:
            return []
        cursor.execute(_PLAIN_INDEXES, (table,))
        found = [(str(name), str(ddl)) for name, ddl in cursor.fetchall()]
        for name, _ in found:
            cursor.execute(sql.SQL("DROP INDEX {}").format(sql.Identifier(name)))
        return [ddl for _, ddl in found]
