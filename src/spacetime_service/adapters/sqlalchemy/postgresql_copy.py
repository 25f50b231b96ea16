"""Streams SQL-built lines out of PostgreSQL with COPY, in blocks of whole lines.

A recursive query walks the ids by keyset (`id > last ORDER BY id LIMIT n`), and each step's rows
are built into lines and joined into one block, so COPY sends one message per block rather than per
row, and Python touches each block once. It is one statement, hence one snapshot, and the server
keeps producing while the consumer sends. COPY's binary format carries the block (a bytea)
untouched: no COPY escaping to undo. Parameters are bound by psycopg on the client side (COPY
cannot take server-side parameters).

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
# Names the step queries use for the bounds of the block being built.
LAST_ID = "bounds.last_id"
BLOCK_AFTER_ID = "block.after_id"
BLOCK_LAST_ID = "block.last_id"


def _block_query(ids_sql: str, lines_sql: str) -> str:
    # Only the bounds (two ids a block) go through the recursive CTE: a CTE's rows are all kept until
    # the statement ends, and blocks kept there would spill the whole export to a temporary file.
    # Neither the blocks nor string_agg are sorted again: an ordered aggregate sorts every block (a third
    # of the query's time on PostgreSQL 15), and a plain aggregate over an ordered subquery, like a scan
    # of the CTE, takes its rows in the order they come.
    return (
        "COPY (WITH RECURSIVE bounds(after_id, last_id) AS ("
        f" SELECT CAST(NULL AS BIGINT), CAST({_BEFORE_FIRST_ID} AS BIGINT)"
        " UNION ALL"
        " SELECT bounds.last_id, step.last_id FROM bounds, LATERAL ("
        f"  SELECT max(ids.id) AS last_id FROM ({ids_sql}) AS ids"
        " ) AS step WHERE step.last_id IS NOT NULL"
        ") SELECT ("
        "  SELECT convert_to(string_agg(lines.line, chr(10)) || chr(10), 'UTF8')"
        f"  FROM ({lines_sql}) AS lines"
        " ) FROM bounds AS block WHERE block.after_id IS NOT NULL) TO STDOUT (FORMAT binary)"
    )


def postgresql_chunks(
    connection: Connection, ids: Select[Any], lines: Select[Any], *, first: bytes
) -> Iterator[bytes]:
    """`first` (a CSV header, or nothing) then every block. `ids` selects the `id`s of one block's rows
    after `LAST_ID`, in id order and limited; `lines` selects the `line`s of the rows after
    `BLOCK_AFTER_ID` up to `BLOCK_LAST_ID`, in id order. Both apply the same filter."""
    ids_sql, ids_params = _compiled(connection, ids)
    lines_sql, lines_params = _compiled(connection, lines)
    if any(lines_params[name] != value for name, value in ids_params.items() if name in lines_params):
        raise ValueError("the two step queries bind one name to different values")
    if not connection.in_transaction():
        connection.begin()
    driver_connection: psycopg.Connection[Any] = connection.connection.driver_connection  # type: ignore[assignment]
    query = _block_query(ids_sql, lines_sql)
    params = {**ids_params, **lines_params}
    pending = first
    try:
        with driver_connection.cursor() as cursor, cursor.copy(query, params) as copy:
            copy.set_types(["bytea"])
            for (block,) in copy.rows():
                yield pending + block if pending else block
                pending = b""
    except psycopg.OperationalError as error:
        raise Unavailable("the database is unavailable; retry later") from error
    if pending:
        yield pending


def _compiled(connection: Connection, statement: Select[Any]) -> tuple[str, dict[str, Any]]:
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    return str(compiled), dict(compiled.params)
