"""The database engine: SQLite (the embedded default) or PostgreSQL through psycopg 3."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from spacetime_service.adapters.sqlalchemy.catalog.unicode_lower import register_unicode_lower
from spacetime_service.adapters.sqlalchemy.exports.postgresql_copy import EXPORT_BACKENDS_OPTION
from spacetime_service.adapters.sqlalchemy.exports.sqlite_memstatus import stop_memory_statistics
from spacetime_service.adapters.sqlalchemy.statement_tracing import trace_statements

if TYPE_CHECKING:
    from collections.abc import Iterator

# Wait this long for another writer's lock before SQLite answers "database is locked".
SQLITE_BUSY_TIMEOUT_MS = 5_000
_SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",  # readers never block the writer, nor the writer them
    "PRAGMA synchronous=FULL",  # a committed transaction survives a power cut
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
)


# Connections that build the lines of one export side by side (postgresql_copy, sqlite_readers).
DEFAULT_EXPORT_BACKENDS = 2


@dataclass(frozen=True)
class PoolSizing:
    """The connection pool of one engine: `size` connections kept open, up to `max_overflow` more at
    busy times, and a checkout that waits `timeout_seconds` at most before SQLAlchemy raises its
    TimeoutError (which `translated_errors` makes Unavailable, a 503 over HTTP)."""

    size: int
    max_overflow: int
    timeout_seconds: float

    def options(self) -> dict[str, Any]:
        return {
            "pool_size": self.size,
            "max_overflow": self.max_overflow,
            "pool_timeout": self.timeout_seconds,
        }


def database_engine(
    url: str, export_backends: int = DEFAULT_EXPORT_BACKENDS, pool: PoolSizing | None = None
) -> Iterator[Engine]:
    """The engine for `url`, disposed of (every pooled connection closed) when the resource ends."""
    engine = create_database_engine(url, export_backends=export_backends, pool=pool)
    try:
        yield engine
    finally:
        engine.dispose()


def create_database_engine(
    url: str, *, export_backends: int = DEFAULT_EXPORT_BACKENDS, pool: PoolSizing | None = None
) -> Engine:
    """`sqlite:///path.db` or `postgresql[+psycopg]://...`; anything else is refused. `pool` sizes the
    connection pool (SQLAlchemy's defaults without it); an in-memory SQLite database keeps its one
    connection per thread, which has no size. Every statement of the engine is traced."""
    engine = _untraced_engine(url, export_backends=export_backends, pool=pool)
    trace_statements(engine)
    return engine


def _untraced_engine(url: str, *, export_backends: int, pool: PoolSizing | None) -> Engine:
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    pool_options = pool.options() if pool is not None else {}
    if backend == "sqlite":
        return _sqlite_engine(parsed, pool_options, export_backends)
    if backend == "postgresql":
        # psycopg 3 is the one PostgreSQL driver installed; COPY streaming relies on it.
        return create_engine(
            parsed.set(drivername="postgresql+psycopg"),
            pool_pre_ping=True,
            execution_options={EXPORT_BACKENDS_OPTION: export_backends},
            **pool_options,
        )
    raise ValueError(f"unsupported database URL scheme {parsed.drivername!r}; use sqlite or postgresql")


def _sqlite_engine(url: URL, pool_options: dict[str, Any], export_backends: int) -> Engine:
    stop_memory_statistics()  # before the first connection of the process, if it is one
    database = url.database or ""
    in_memory = not database or database == ":memory:" or "mode=memory" in str(url)
    if database and not in_memory and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    # an export of a SQLite file is read by as many connections side by side (sqlite_readers)
    options = {"execution_options": {EXPORT_BACKENDS_OPTION: export_backends}}
    engine = create_engine(url, **({} if in_memory else {**pool_options, **options}))
    event.listen(engine, "connect", _configure_sqlite_connection)
    return engine


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    register_unicode_lower(dbapi_connection)
    cursor = dbapi_connection.cursor()
    try:
        for pragma in _SQLITE_PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()
