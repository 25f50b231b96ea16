"""Streams SQL-built lines out of SQLite, one string per chunk of rows.

Each chunk is one query over a keyset step (`id > after ORDER BY id LIMIT n`) that builds every line
and joins them with `group_concat` inside SQLite, so Python sees one value per chunk instead of one per
row. The aggregate takes the rows in the order of its ordered, limited subquery. The keyset step also
keeps the plan on the primary key for a date filter, where one ordered query over the whole range
would sort every matching id first. The queries run on the driver's own cursor: SQLAlchemy's execute
costs about 60 µs a call, and a reader makes two calls per chunk.

Building the lines costs SQLite about 1 s of CPU per 1M orders, and one connection uses one core, so
the chunks may be built by several readers side by side (`sqlite_readers`); each walks the same chunk
bounds (a bound costs about 0.06 s per 1M rows) and builds every k-th chunk.
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
LAST_ID = "last_id"
ROWS = "rows"
# The walk starts below every possible id.
BEFORE_FIRST_ID = -(2**63)
_JOINED = "CAST(group_concat(step.line, char(10)) || char(10) AS BLOB)"


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
    """`walk`: the last id and the lines of the `ROWS` rows after `AFTER_ID` (one reader); `bound`: the
    last id only; `lines`: the lines of the rows after `AFTER_ID` up to `LAST_ID`. Lines come joined
    and each ended by LF, as one BLOB of UTF-8; NULL past the last row."""

    walk: DriverQuery
    bound: DriverQuery
    lines: DriverQuery


def chunk_queries(
    connection: Connection, table: Table, conditions: Sequence[ColumnElement[bool]], line: str
) -> ChunkQueries:
    after = table.c.id > bindparam(AFTER_ID, 0)
    step = select(table.c.id, literal_column(line).label("line")).where(*conditions, after)
    step = step.order_by(table.c.id).limit(bindparam(ROWS, 1))
    walk = step.subquery("step")
    ids = select(table.c.id).where(*conditions, after).order_by(table.c.id).limit(bindparam(ROWS, 1))
    block = step.where(table.c.id <= bindparam(LAST_ID, 0)).subquery("step")
    return ChunkQueries(
        walk=_compiled(connection, select(func.max(walk.c.id), literal_column(_JOINED))),
        bound=_compiled(connection, select(func.max(ids.subquery("step").c.id))),
        lines=_compiled(connection, select(literal_column(_JOINED)).select_from(block)),
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
        after, pending = BEFORE_FIRST_ID, first
        while True:
            last_id, block = queries.walk.run(driver, after_id=after, rows=rows)
            if last_id is None:
                break
            yield pending + block if pending else block
            after, pending = last_id, b""
        if pending:
            yield pending


def own_chunks(
    driver: sqlite3.Connection, queries: ChunkQueries, rows: int, part: int, parts: int
) -> Iterator[bytes]:
    """Chunks `part`, `part + parts`, ... of the export, in a transaction the caller opened. Every
    reader walks all the bounds, so that all agree on them without talking to each other."""
    after, number = BEFORE_FIRST_ID, 0
    while True:
        (last_id,) = queries.bound.run(driver, after_id=after, rows=rows)
        if last_id is None:
            return
        if number % parts == part:
            (block,) = queries.lines.run(driver, after_id=after, last_id=last_id, rows=rows)
            yield block
        after, number = last_id, number + 1


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
