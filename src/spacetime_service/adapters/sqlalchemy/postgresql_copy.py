"""Streams SQL-built lines out of PostgreSQL with COPY, in blocks of whole lines.

A recursive query walks the rows by keyset (`id > last ORDER BY id LIMIT n`) and joins each step's
lines into one block, so COPY sends one message per block rather than per row, and Python touches
each ~64 KiB once. It is one statement, hence one snapshot, and the server keeps producing while the
consumer sends. COPY's binary format carries the block (a bytea) untouched: no COPY escaping to undo.
Each step's row count follows the last block's bytes per row, so blocks stay near `chunk_bytes`
whatever the width of the lines.
Parameters are bound by psycopg on the client side (COPY cannot take server-side parameters).

Closing the iterator early leaves the COPY block with an exception, on which psycopg cancels the
query and drains what was in flight; the unit of work then rolls back and returns the connection.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
from sqlalchemy import Connection, Select

from spacetime_service.domain.errors import Unavailable

# The recursive walk starts below every possible BIGINT id.
_BEFORE_FIRST_ID = -(2**63)
LAST_ID = "blocks.last_id"


def next_rows(chunk_bytes: int, max_rows: int) -> str:
    """The LIMIT of a step: as many rows as filled `chunk_bytes` at the last block's width."""
    return f"greatest(1, least({int(max_rows)}, blocks.rows * {int(chunk_bytes)} / blocks.bytes))"


def _block_query(step_sql: str, first_rows: int, chunk_bytes: int) -> str:
    # string_agg has no ORDER BY of its own: an ordered aggregate sorts every block again (a third of
    # the query's time on PostgreSQL 15), and a plain aggregate over a subquery that is ordered and
    # limited takes its rows in that order.
    return (
        "COPY (WITH RECURSIVE blocks(last_id, rows, bytes, block) AS ("
        f" SELECT CAST({_BEFORE_FIRST_ID} AS BIGINT), CAST({int(first_rows)} AS BIGINT),"
        f" CAST({int(chunk_bytes)} AS BIGINT), CAST(NULL AS BYTEA)"
        " UNION ALL"
        " SELECT step.last_id, step.rows, octet_length(step.block), step.block FROM blocks, LATERAL ("
        "  SELECT max(lines.id) AS last_id, count(*) AS rows,"
        "   convert_to(string_agg(lines.line, chr(10)) || chr(10), 'UTF8') AS block"
        f"  FROM ({step_sql}) AS lines"
        " ) AS step WHERE step.last_id IS NOT NULL"
        ") SELECT block FROM blocks WHERE block IS NOT NULL) TO STDOUT (FORMAT binary)"
    )


def postgresql_chunks(
    connection: Connection, step: Select[Any], *, first: bytes, first_rows: int, chunk_bytes: int
) -> Iterator[bytes]:
    """`first` (a CSV header, or nothing) then every block. `step` selects `id` and `line` for the rows
    after `LAST_ID`, in id order, limited to `next_rows(...)` rows."""
    compiled = step.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    if not connection.in_transaction():
        connection.begin()
    driver_connection: psycopg.Connection[Any] = connection.connection.driver_connection  # type: ignore[assignment]
    query = _block_query(str(compiled), first_rows, chunk_bytes)
    pending = first
    try:
        with driver_connection.cursor() as cursor, cursor.copy(query, compiled.params) as copy:
            copy.set_types(["bytea"])
            for (block,) in copy.rows():
                yield pending + block if pending else block
                pending = b""
    except psycopg.OperationalError as error:
        raise Unavailable("the database is unavailable; retry later") from error
    if pending:
        yield pending
