"""Streams SQL-built lines out of SQLite in chunks of whole lines.

One SELECT on one cursor: the export sees a single snapshot. The cursor is read straight from the
driver (each row is one BLOB line, so SQLAlchemy's row processing would only add cost), a batch at
a time, and each batch is sized from the last one so that a chunk comes out near `chunk_bytes`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Connection, Select


def sqlite_chunks(
    connection: Connection,
    lines: Select[Any],
    *,
    first: bytes,
    chunk_bytes: int,
    max_rows: int,
    first_rows: int,
) -> Iterator[bytes]:
    """`first` (a CSV header, or nothing) then the lines, each ended by LF; closing the iterator
    closes the cursor at once."""
    result = connection.execute(lines)
    try:
        cursor = result.cursor
        rows_per_batch = first_rows
        pending = first
        while rows := cursor.fetchmany(rows_per_batch):
            chunk = pending + b"\n".join([row[0] for row in rows]) + b"\n"
            pending = b""
            yield chunk
            rows_per_batch = max(1, min(max_rows, chunk_bytes * len(rows) // len(chunk)))
        if pending:
            yield pending
    finally:
        result.close()
