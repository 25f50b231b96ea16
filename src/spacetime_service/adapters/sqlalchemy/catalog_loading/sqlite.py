"""Bulk loading into SQLite through the raw sqlite3 connection: one transaction, `executemany`, and
secondary indexes built once at the end instead of updated row by row."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from spacetime_service.application.ports.catalog_loader import CatalogSize, OrderRows, ProductRows
from spacetime_service.domain.orders import OrderStatus

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# A larger page cache while loading (negative means KiB): building an index sorts the whole table.
LOAD_CACHE_KIB = 65_536

_INSERT_PRODUCT = (
    "INSERT INTO products (id, sku, name, description, category, price, stock, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_INSERT_ORDER = (
    "INSERT INTO orders (id, customer_id, product_id, quantity, unit_price, status, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


_STATUSES = frozenset(status.value for status in OrderStatus)


def _checked_products(batch: ProductRows) -> ProductRows:
    """The CHECK constraints of `tables.products`, evaluated for the whole batch at C speed."""
    if batch.ids and (min(batch.price_cents) < 0 or min(batch.stock) < 0):
        raise sqlite3.IntegrityError("CHECK constraint failed: price and stock must not be negative")
    return batch


def _checked_orders(batch: OrderRows) -> OrderRows:
    """The CHECK constraints of `tables.orders`, evaluated for the whole batch at C speed."""
    if batch.ids and (
        min(batch.quantities) <= 0
        or min(batch.unit_price_cents) < 0
        or not _STATUSES.issuperset(batch.statuses)
    ):
        raise sqlite3.IntegrityError("CHECK constraint failed: quantity, unit_price or status out of range")
    return batch


def _product_tuples(batch: ProductRows) -> Iterator[tuple[object, ...]]:
    # Here, not at the top: NumPy only once rows are loaded (`spacetime serve` only counts them).
    from spacetime_service.adapters.sqlalchemy.catalog_loading.timestamps import utc_text

    batch = _checked_products(batch)
    return zip(
        batch.ids, batch.skus, batch.names, batch.descriptions, batch.categories, batch.price_cents,
        batch.stock, utc_text(batch.created_at_us), utc_text(batch.updated_at_us), strict=True,
    )  # fmt: skip


def _order_tuples(batch: OrderRows) -> Iterator[tuple[object, ...]]:
    # Here, not at the top: NumPy only once rows are loaded (`spacetime serve` only counts them).
    from spacetime_service.adapters.sqlalchemy.catalog_loading.timestamps import utc_text

    batch = _checked_orders(batch)
    return zip(
        batch.ids, batch.customer_ids, batch.product_ids, batch.quantities, batch.unit_price_cents,
        batch.statuses, utc_text(batch.created_at_us), strict=True,
    )  # fmt: skip


class SqliteBulkLoad:
    """Loads both tables in one `BEGIN IMMEDIATE` transaction, so a failure or a crash leaves the
    database as it was. Into an empty table, its secondary indexes are dropped and recreated from their
    own stored DDL inside that transaction (SQLite's DDL is transactional), which is several times
    faster than maintaining them per row. Foreign keys are enforced during the load. The tables' CHECK
    constraints are evaluated here per batch instead of per row (SQLite rebuilds the `status IN (...)`
    list for every row, which triples the cost of an insert). The connection's own settings are restored
    afterwards."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def run(self, products: Iterable[ProductRows], orders: Iterable[OrderRows]) -> CatalogSize:
        connection = self._connection
        isolation_level = connection.isolation_level
        foreign_keys = connection.execute("PRAGMA foreign_keys").fetchone()[0]
        cache_size = connection.execute("PRAGMA cache_size").fetchone()[0]
        ignore_checks = connection.execute("PRAGMA ignore_check_constraints").fetchone()[0]
        if connection.in_transaction:
            connection.commit()
        connection.isolation_level = None  # the statements below manage the transaction themselves
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            connection.execute(f"PRAGMA cache_size = {-LOAD_CACHE_KIB}")
            connection.execute("PRAGMA ignore_check_constraints = ON")
            connection.execute("BEGIN IMMEDIATE")
            try:
                loaded = CatalogSize(
                    products=self._load("products", _INSERT_PRODUCT, map(_product_tuples, products)),
                    orders=self._load("orders", _INSERT_ORDER, map(_order_tuples, orders)),
                )
                connection.execute("COMMIT")
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            return loaded
        finally:
            connection.execute(f"PRAGMA foreign_keys = {int(foreign_keys)}")
            connection.execute(f"PRAGMA cache_size = {int(cache_size)}")
            connection.execute(f"PRAGMA ignore_check_constraints = {int(ignore_checks)}")
            connection.isolation_level = isolation_level

    def _load(self, table: str, insert: str, batches: Iterable[Iterator[tuple[object, ...]]]) -> int:
        empty = self._connection.execute(f"SELECT NOT EXISTS (SELECT 1 FROM {table})").fetchone()[0]
        indexes = self._drop_secondary_indexes(table) if empty else []
        loaded = 0
        for rows in batches:
            loaded += self._connection.executemany(insert, rows).rowcount
        for ddl in indexes:
            self._connection.execute(ddl)
        return loaded

    def _drop_secondary_indexes(self, table: str) -> list[str]:
        """Drops the table's explicitly created indexes and returns their DDL. Indexes that enforce a
        constraint (primary key, unique) have no DDL of their own and stay."""
        found = self._connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
            (table,),
        ).fetchall()
        for name, _ in found:
            self._connection.execute(f'DROP INDEX "{name}"')
        return [ddl for _, ddl in found]
