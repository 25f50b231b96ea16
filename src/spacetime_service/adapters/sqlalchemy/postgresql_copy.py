"""Streams SQL-built lines out of PostgreSQL with COPY, in blocks of whole lines.

A recursive query walks the rows by keyset (`id > last ORDER BY id LIMIT n`) and joins each step's
lines into one block, so COPY sends one message per block rather than per row, and Python touches
each ~64 KiB once. It is one statement, hence one snapshot, and the server keeps producing while the
consumer sends. COPY's binary format carries the block (a bytea) untouched: no COPY escaping to undo.
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


def _block_query(step_sql: str) -> str:
    return (
        "COPY (WITH RECURSIVE blocks(last_id, block) AS ("
        f" SELECT CAST({_BEFORE_FIRST_ID} AS BIGINT), CAST(NULL AS BYTEA)"
        " UNION ALL"
        " SELECT step.last_id, step.block FROM blocks, LATERAL ("
        "  SELECT max(lines.id) AS last_id,"
        "   convert_to(string_agg(lines.line, chr(10) ORDER BY lines.id) || chr(10), 'UTF8') AS block"
        f"  FROM ({step_sql}) AS lines"
        " ) AS step WHERE step.last_id IS NOT NULL"
        ") SELECT block FROM blocks WHERE block IS NOT NULL) TO STDOUT (FORMAT binary)"
    )


def postgresql_chunks(connection: Connection, step: Select[Any], *, first: bytes) -> Iterator[bytes]:
    """`first` (a CSV header, or nothing) then every block. `step` selects `id` and `line` for the rows
    after `LAST_ID`, in id order, limited to one block's rows."""
    compiled = step.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    if not connection.in_transaction():
        connection.begin()
    driver_connection: psycopg.Connection[Any] = connection.connection.driver_connection  # type: ignore[assignment]
    pending = first
    try:
        with (
            driver_connection.cursor() as cursor,
            cursor.copy(_block_query(str(compiled)), compiled.params) as copy,
        ):
            copy.set_types(["bytea"])
            for (block,) in copy.rows():
                yield pending + block if pending else block
                pending = b""
    except psycopg.OperationalError as error:
        raise Unavailable("the database is unavailable; retry later") from error
    if pending:
        yield pending
