"""Streams SQL-built lines out of PostgreSQL with COPY, in blocks of whole lines.

A recursive query walks the ids by keyset (`id > last ORDER BY id LIMIT n`), and each step's rows
are built into lines and joined into one block, so COPY sends one message per block rather than per
row, and Python touches each block once. It is one statement, hence one snapshot, and the server
keeps producing while the consumer sends. COPY's binary format carries the block (a bytea)
untouched: no COPY escaping to undo. Parameters are bound by psycopg on the client side (COPY
cannot take server-side parameters).

Building the lines costs the backend about one and a half times what a plain COPY costs, and one
backend uses one core. So an export may run on several backends side by side
(`EXPORT_BACKENDS_OPTION`, an engine execution option): each walks the same block bounds but builds
only every k-th block, and the blocks are read from them in turn, so the bytes are those of one
backend. They share one snapshot: the unit
of work's connection opens a REPEATABLE READ transaction and exports its snapshot
(`pg_export_snapshot()`), which the others import (`SET TRANSACTION SNAPSHOT`). A unit of work that
already began its transaction keeps to one backend, since its snapshot cannot be exported any more.

Where the time goes, per million orders (CPU of each process from /proc, 2 cores): one backend walks
the bounds in 0.07 s and builds every CSV line in 0.8 to 1.0 s (NDJSON 1.0 to 1.3 s), where a plain
`COPY orders` spends 0.55 s; two backends spend that once plus a second walk, 0.9 to 1.05 s together
for CSV and 1.25 to 1.35 s for NDJSON, and the server process 0.1 s and 0.2 s: the backends' CPU is
most of what an export needs of the cores. A third backend adds a walk and no core.

Closing the iterator early leaves the COPY blocks with an exception, on which psycopg cancels the
queries and drains what was in flight; the unit of work then rolls back and returns the connection,
and the other backends' connections go back to the pool rolled back.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from typing import TYPE_CHECKING, Any

import psycopg

from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.domain.errors import Unavailable

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Connection, Select

# The recursive walk starts below every possible BIGINT id.
_BEFORE_FIRST_ID = -(2**63)
# Names the step queries use for the bounds of the block being built.
LAST_ID = "bounds.last_id"
BLOCK_AFTER_ID = "block.after_id"
BLOCK_LAST_ID = "block.last_id"
# The engine execution option that says how many backends build one export's lines.
EXPORT_BACKENDS_OPTION = "spacetime_export_backends"
# What pg_export_snapshot() returns (hex words and dashes); checked, since SET cannot take a parameter.
_SNAPSHOT_ID = re.compile(r"[0-9A-F]+(-[0-9A-F]+)+")
# Parameters of the block query: the text before a block's first line, between two lines and after the
# last (a line's head and tail with the line end).
_BLOCK_TEXT = ("spacetime_block_head", "spacetime_block_between", "spacetime_block_end")


def _block_query(ids_sql: str, lines_sql: str, part: int = 0, parts: int = 1) -> str:
    # Only the bounds (two ids a block) go through the recursive CTE: a CTE's rows are all kept until
    # the statement ends, and blocks kept there would spill the whole export to a temporary file.
    # Neither the blocks nor string_agg are sorted again: an ordered aggregate sorts every block (a third
    # of the query's time on PostgreSQL 15), and a plain aggregate over an ordered subquery, like a scan
    # of the CTE, takes its rows in the order they come.
    # Blocks are numbered from 1 in id order; part p of k builds the blocks whose number is p + 1 modulo k.
    # mod() rather than %, which the driver would take for a placeholder.
    mine = f" AND mod(block.n, {parts}) = {(part + 1) % parts}" if parts > 1 else ""
    head, between, end = _BLOCK_TEXT
    return (
        "COPY (WITH RECURSIVE bounds(after_id, last_id, n) AS ("
        f" SELECT CAST(NULL AS BIGINT), CAST({_BEFORE_FIRST_ID} AS BIGINT), 0"
        " UNION ALL"
        " SELECT bounds.last_id, step.last_id, bounds.n + 1 FROM bounds, LATERAL ("
        f"  SELECT max(ids.id) AS last_id FROM ({ids_sql}) AS ids"
        " ) AS step WHERE step.last_id IS NOT NULL"
        ") SELECT ("
        f"  SELECT convert_to(%({head})s || string_agg(lines.line, %({between})s) || %({end})s, 'UTF8')"
        f"  FROM ({lines_sql}) AS lines"
        f" ) FROM bounds AS block WHERE block.after_id IS NOT NULL{mine}) TO STDOUT (FORMAT binary)"
    )


def postgresql_chunks(
    connection: Connection,
    ids: Select[Any],
    lines: Select[Any],
    *,
    first: bytes,
    head: str = "",
    tail: str = "",
) -> Iterator[bytes]:
    """`first` (a CSV header, or nothing) then every block. `ids` selects the `id`s of one block's rows
    after `LAST_ID`, in id order and limited; `lines` selects the `line`s of the rows after
    `BLOCK_AFTER_ID` up to `BLOCK_LAST_ID`, in id order. Both apply the same filter. Each line is
    written as `head`, the selected line, `tail` and a line end."""
    ids_sql, ids_params = _compiled(connection, ids)
    lines_sql, lines_params = _compiled(connection, lines)
    if any(lines_params[name] != value for name, value in ids_params.items() if name in lines_params):
        raise ValueError("the two step queries bind one name to different values")
    params = {**ids_params, **lines_params}
    if any(name in params for name in _BLOCK_TEXT):
        raise ValueError("a step query binds a name of the block query")
    params.update(zip(_BLOCK_TEXT, (head, f"{tail}\n{head}", f"{tail}\n"), strict=True))
    parts = int(connection.get_execution_options().get(EXPORT_BACKENDS_OPTION, 1))
    if connection.in_transaction():
        parts = 1  # its snapshot may be older than any it could still export
    else:
        if parts > 1:
            connection.execution_options(isolation_level="REPEATABLE READ")
        connection.begin()
    try:
        with ExitStack() as stack:
            snapshot = _exported_snapshot(connection) if parts > 1 else ""
            streams = []
            for part in range(parts):
                backend = connection if part == 0 else _joined(stack, connection, snapshot)
                query = _block_query(ids_sql, lines_sql, part, parts)
                streams.append(_blocks(stack, backend, query, params))
            yield from _in_turn(streams, first)
    except psycopg.OperationalError as error:
        raise Unavailable("the database is unavailable; retry later") from error


def _exported_snapshot(connection: Connection) -> str:
    snapshot = str(connection.exec_driver_sql("SELECT pg_export_snapshot()").scalar_one())
    if not _SNAPSHOT_ID.fullmatch(snapshot):
        raise ValueError(f"unexpected snapshot id {snapshot!r}")
    return snapshot


def _joined(stack: ExitStack, connection: Connection, snapshot: str) -> Connection:
    """Another pooled connection in a transaction that sees exactly `snapshot`; rolled back and
    returned to the pool when `stack` closes."""
    with translated_errors():  # no connection free in time is Unavailable, as for the first one
        other = stack.enter_context(connection.engine.connect())
    other.execution_options(isolation_level="REPEATABLE READ")
    other.exec_driver_sql(f"SET TRANSACTION SNAPSHOT '{snapshot}'")
    return other


def _blocks(stack: ExitStack, connection: Connection, query: str, params: dict[str, Any]) -> Iterator[bytes]:
    driver_connection: psycopg.Connection[Any] = connection.connection.driver_connection  # type: ignore[assignment]
    cursor = stack.enter_context(driver_connection.cursor())
    copy = stack.enter_context(cursor.copy(query, params))
    copy.set_types(["bytea"])
    return (block for (block,) in copy.rows())


def _in_turn(streams: list[Iterator[bytes]], first: bytes) -> Iterator[bytes]:
    """`first`, then one block of each stream in turn: block i of the export is block i // k of stream
    i % k. When one stream ends the export has ended, and the others must be at their end too."""
    pending = first
    while True:
        for index, stream in enumerate(streams):
            block = next(stream, None)
            if block is None:
                if any(next(other, None) is not None for other in streams[index + 1 :] + streams[:index]):
                    raise RuntimeError("the export's backends disagree on its blocks")
                if pending:
                    yield pending
                return
            yield pending + block if pending else block
            pending = b""


def _compiled(connection: Connection, statement: Select[Any]) -> tuple[str, dict[str, Any]]:
    compiled = statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True})
    return str(compiled), dict(compiled.params)
