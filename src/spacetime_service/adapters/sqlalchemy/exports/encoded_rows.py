"""Every matching row of a table, in id order, encoded by the database itself.

The bytes equal `reference_encoder.encode_rows` for the same rows (the contract tests hold every
adapter to that); only the chunk boundaries differ, and every chunk ends at a line end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, Connection, Select, Table, literal_column, select

from spacetime_service.adapters.sqlalchemy.exports import (
    postgresql_copy,
    postgresql_lines,
    sqlite_lines,
    sqlite_readers,
    sqlite_stream,
)
from spacetime_service.adapters.sqlalchemy.exports.plain_words import plain_word_columns
from spacetime_service.adapters.sqlalchemy.schema.column_kinds import ColumnKind, wire_columns
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

# A rough width of each kind of value on the wire, to size the first batch near `chunk_bytes`.
_ESTIMATED_BYTES = {ColumnKind.INTEGER: 6, ColumnKind.MONEY: 6, ColumnKind.TIME: 20, ColumnKind.TEXT: 24}
_NDJSON_OVERHEAD_PER_COLUMN = 6
# A PostgreSQL block (one chunk) holds this many chunks' worth of rows. Much of the server process's
# CPU is per chunk (a worker-thread hop, a traced send, a COPY row): per million orders it measured
# 0.22 s for CSV and 0.45 s for NDJSON in 64 KiB chunks, 0.10 s and 0.24 s in chunks four times that,
# CPU that the backends building the lines on the same cores can use.
_POSTGRESQL_CHUNKS_PER_BLOCK = 4
# A SQLite chunk holds this many chunks' worth of rows too, for the same per-chunk costs: per million
# orders the server spent 0.94 to 1.10 s of CPU on CSV and 1.07 to 1.26 s on NDJSON in chunks four times
# as large, 1.13 to 1.26 s and 1.45 to 1.57 s in chunks of `chunk_bytes` (4 rounds each, side by side).
_SQLITE_CHUNKS_PER_BLOCK = 4


def encoded_rows(
    connection: Connection,
    table: Table,
    conditions: Sequence[ColumnElement[bool]],
    encoding: TableEncoding,
    fetch_rows: int,
) -> Iterator[bytes]:
    """Chunks of about four times `encoding.chunk_bytes`; `fetch_rows` caps the rows read in one
    batch."""
    columns = wire_columns(table, encoding.columns)
    is_csv = encoding.format is WireFormat.CSV
    header = (",".join(encoding.columns) + "\n").encode() if is_csv else b""
    rows_per_chunk = max(1, min(fetch_rows, encoding.chunk_bytes // _estimated_line_bytes(columns, is_csv)))
    preparer = connection.dialect.identifier_preparer
    plain = plain_word_columns(table)
    dialect = connection.dialect.name
    if dialect == "sqlite":
        line = (
            sqlite_lines.csv_line(columns, preparer, plain)
            if is_csv
            else sqlite_lines.json_line(columns, preparer, plain)
        )
        readers = connection.get_execution_options().get(
            postgresql_copy.EXPORT_BACKENDS_OPTION, sqlite_readers.DEFAULT_READERS
        )
        return sqlite_readers.shared_chunks(
            connection,
            sqlite_stream.chunk_queries(connection, table, conditions, line),
            first=header,
            rows=min(fetch_rows, _SQLITE_CHUNKS_PER_BLOCK * rows_per_chunk),
            readers=int(readers),
        )
    if dialect == "postgresql":
        # the lines' concat_ws and concat would shift a row's cells at a NULL (postgresql_lines)
        nullable = [name for name, _kind in columns if table.c[name].nullable]
        if nullable:
            raise ValueError(f"no encoded stream of nullable columns {nullable}")
        built = (
            postgresql_lines.csv_line(columns, preparer, plain)
            if is_csv
            else postgresql_lines.json_line(columns, preparer, plain)
        )
        ids: Select[tuple[int]] = (
            select(table.c.id)
            .where(*conditions, table.c.id > literal_column(postgresql_copy.LAST_ID))
            .order_by(table.c.id)
            .limit(literal_column(str(min(fetch_rows, _POSTGRESQL_CHUNKS_PER_BLOCK * rows_per_chunk))))
        )
        block_lines: Select[tuple[str]] = (
            select(literal_column(built.expression).label("line"))
            .select_from(table)
            .where(
                *conditions,
                table.c.id > literal_column(postgresql_copy.BLOCK_AFTER_ID),
                table.c.id <= literal_column(postgresql_copy.BLOCK_LAST_ID),
            )
            .order_by(table.c.id)
        )
        return postgresql_copy.postgresql_chunks(
            connection, ids, block_lines, first=header, head=built.head, tail=built.tail
        )
    raise NotImplementedError(f"no encoded stream for the {dialect} dialect")


def _estimated_line_bytes(columns: tuple[tuple[str, ColumnKind], ...], is_csv: bool) -> int:
    per_column = 1 if is_csv else _NDJSON_OVERHEAD_PER_COLUMN
    return sum(_ESTIMATED_BYTES[kind] + per_column + (0 if is_csv else len(name)) for name, kind in columns)
