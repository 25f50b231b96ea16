"""Streams SQL-built lines out of SQLite, one string per chunk of rows.

Each chunk is one query over a keyset step (`id > after ORDER BY id LIMIT n`) that builds every line
and joins them with `group_concat` inside SQLite, so Python sees one value per chunk instead of one per
row. The aggregate takes the rows in the order of its ordered, limited subquery. The keyset step also
keeps the plan on the primary key for a date filter, where one ordered query over the whole range
would sort every matching id first. The queries run on the driver's own cursor: SQLAlchemy's execute
costs about 60 µs a call, and a reader makes one call per chunk (and one to skip the others' chunks).

Building the lines costs SQLite about 1 s of CPU per 1M orders, and one connection uses one core, so
the chunks may be built by several readers side by side (`sqlite_readers`). Reader p of k builds chunks
p, p + k, ...: after each of its chunks it skips the next k - 1 chunks' ids in one query (the ids alone
cost about 0.06 s per 1M rows), so that the readers agree on the bounds without talking to each other,
and each reads every id once.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import bindparam, func, literal_column, select

if TYPE_CHECKING:
    import sqlite3
    from collections.abc import Iterator, Sequence

    from sqlalchemy import ClauseElement, ColumnElement, Connection, Table
    from sqlalchemy.sql.compiler import SQLCompiler

# The names the chunk queries bind for their keyset step.
AFTER_ID = "after_id"
ROWS = "rows"
# The walk starts below every possible id.
BEFORE_FIRST_ID = -(2**63)
# Each line ends with its LF (sqlite_lines), so the joined lines need no separator nor a last LF.
_JOINED = "CAST(group_concat(step.line, '') AS BLOB)"


@dataclass(frozen=True, slots=True)
class DriverQuery:
    """A statement compiled once for the driver: its SQL and the bound values in placeholder order,
    with the keyset names left to fill per call."""

    sql: str
    names: tuple[str, ...]
    fixed: dict[str, Any]

    def run(self, driver: sqlite3.Connection, **keyset: int) -> tuple[Any, ...]:
        values = {**self.fixed, **keyset}
        row: tuple[Any, ...] = driver.execute(self.sql, [values[name] for name in self.names]).fetchone()
        return row


@dataclass(frozen=True, slots=True)
class ChunkQueries:
    """`walk`: the last id and the lines of the `ROWS` rows after `AFTER_ID`, joined as one BLOB of
    UTF-8, each line ended by its LF; `skip`: the last id of the `ROWS` rows after `AFTER_ID`. Both
    NULL past the last row."""

    walk: DriverQuery
    skip: DriverQuery


def chunk_queries(
    connection: Connection, table: Table, conditions: Sequence[ColumnElement[bool]], line: str
) -> ChunkQueries:
    after = table.c.id > bindparam(AFTER_ID, 0)
    step = select(table.c.id, literal_column(line).label("line")).where(*conditions, after)
    step = step.order_by(table.c.id).limit(bindparam(ROWS, 1))
    ids = select(table.c.id).where(*conditions, after).order_by(table.c.id).limit(bindparam(ROWS, 1))
    return ChunkQueries(
        walk=_compiled(connection, select(func.max(step.subquery("step").c.id), literal_column(_JOINED))),
        skip=_compiled(connection, select(func.max(ids.subquery("step").c.id))),
    )


def _compiled(connection: Connection, statement: ClauseElement) -> DriverQuery:
    compiled = cast(
        "SQLCompiler",
        statement.compile(dialect=connection.dialect, compile_kwargs={"render_postcompile": True}),
    )
    names = tuple(compiled.positiontup or ())
    return DriverQuery(str(compiled), names, dict(compiled.params))


def driver_of(connection: Connection) -> sqlite3.Connection:
    driver: sqlite3.Connection = connection.connection.driver_connection  # type: ignore[assignment]
    return driver


def one_reader(connection: Connection, queries: ChunkQueries, *, first: bytes, rows: int) -> Iterator[bytes]:
    """`first` (a CSV header, or nothing) then every chunk, read by this connection alone."""
    driver = driver_of(connection)
    with read_transaction(driver):
        pending = first
        for block in own_chunks(driver, queries, rows, 0, 1):
            yield pending + block if pending else block
            pending = b""
        if pending:
            yield pending


def own_chunks(
    driver: sqlite3.Connection, queries: ChunkQueries, rows: int, part: int, parts: int
) -> Iterator[bytes]:
    """Chunks `part`, `part + parts`, ... of the export, chunk i being the rows i * `rows` + 1 to
    (i + 1) * `rows` in id order, in a transaction the caller opened."""
    after, skipped = BEFORE_FIRST_ID, part * rows
    while True:
        if skipped:
            (after,) = queries.skip.run(driver, after_id=after, rows=skipped)
            if after is None:
                return
        last_id, block = queries.walk.run(driver, after_id=after, rows=rows)
        if last_id is None:
            return
        yield block
        after, skipped = last_id, (parts - 1) * rows


@contextmanager
def read_transaction(driver: sqlite3.Connection) -> Iterator[None]:
    """A transaction around the reads unless the connection already holds one (the driver opens none
    for a SELECT); the first read takes its snapshot, and it is rolled back at the end."""
    if driver.in_transaction:
        yield
        return
    driver.execute("BEGIN")
    try:
        yield
    finally:
        driver.rollback()
