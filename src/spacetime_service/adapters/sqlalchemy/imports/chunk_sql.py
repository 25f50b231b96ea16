"""The SQL of an import chunk: the chunk goes to a temporary table by the driver's bulk path, then one
INSERT ... SELECT ... ON CONFLICT (sku) DO UPDATE moves it into `products`, as the tools' own bulk load
does. Table and column names are the schema's; every value is bound or loaded as data."""

from __future__ import annotations

_VALUES = ("name", "description", "category", "price", "stock")
CHUNK_TABLE = "product_import_chunk"
_COLUMN_TYPES = (
    "sku TEXT NOT NULL, name TEXT NOT NULL, description TEXT NOT NULL, category TEXT NOT NULL,"
    " price BIGINT NOT NULL, stock INTEGER NOT NULL"
)

# A temporary table lives with its connection: made once per pooled connection, emptied per chunk.
# PostgreSQL also empties it at each commit, so a chunk's rows never outlive their transaction.
SQLITE_CREATE = f"CREATE TEMPORARY TABLE IF NOT EXISTS {CHUNK_TABLE} ({_COLUMN_TYPES})"
POSTGRESQL_CREATE = f"{SQLITE_CREATE} ON COMMIT DELETE ROWS"
EMPTY = f"DELETE FROM {CHUNK_TABLE}"
SQLITE_LOAD = f"INSERT INTO temp.{CHUNK_TABLE} VALUES (?, ?, ?, ?, ?, ?)"
POSTGRESQL_LOAD = f"COPY {CHUNK_TABLE} (sku, name, description, category, price, stock) FROM STDIN"
# SQLite: the chunk's first statement on `products` must be a write. A read first would start a
# snapshot, and a write by another connection (a heartbeat) before this one's first write then makes
# SQLite answer "database is locked" at once, without waiting for the busy timeout. So the changed
# rows are updated first, then the new ones inserted; each statement's row count (sqlite3_changes,
# the cursor's rowcount) says how many rows it wrote, without returning a row per write.
SQLITE_UPDATE = (
    "UPDATE products SET "
    + ", ".join(f"{name} = incoming.{name}" for name in _VALUES)
    + f", updated_at = ? FROM temp.{CHUNK_TABLE} AS incoming WHERE products.sku = incoming.sku AND ("
    + " OR ".join(f"products.{name} <> incoming.{name}" for name in _VALUES)
    + ")"
)
SQLITE_INSERT = (
    "INSERT INTO products (sku, name, description, category, price, stock, created_at, updated_at)"
    f" SELECT sku, name, description, category, price, stock, ?, ? FROM temp.{CHUNK_TABLE} WHERE true"
    " ON CONFLICT (sku) DO NOTHING"
)


# One upsert whose DO UPDATE applies only where a value differs, so it returns the inserted and the
# changed rows; xmax is 0 in a row version that an INSERT made, so each returned row says which. The
# rows are counted in the statement: one row of two counts comes back instead of one per write
# (fetching 10,000 flags per chunk took a tenth of the job's samples).
POSTGRESQL_UPSERT = (
    "WITH written AS (INSERT INTO products"
    " (sku, name, description, category, price, stock, created_at, updated_at)"
    f" SELECT sku, name, description, category, price, stock, %s, %s FROM {CHUNK_TABLE}"
    " ON CONFLICT (sku) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in _VALUES)
    + ", updated_at = excluded.updated_at WHERE "
    + " OR ".join(f"products.{name} <> excluded.{name}" for name in _VALUES)
    + " RETURNING xmax = 0 AS inserted)"
    " SELECT count(*) FILTER (WHERE inserted), count(*) FROM written"
)
