"""The database engine: SQLite (the embedded default) or PostgreSQL through psycopg 3."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from spacetime_service.adapters.sqlalchemy.catalog.unicode_lower import register_unicode_lower
from spacetime_service.adapters.sqlalchemy.exports.postgresql_copy import EXPORT_BACKENDS_OPTION

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


# PostgreSQL backends that build the lines of one export side by side (postgresql_copy).
DEFAULT_EXPORT_BACKENDS = 2


def database_engine(url: str, export_backends: int = DEFAULT_EXPORT_BACKENDS) -> Iterator[Engine]:
    """The engine for `url`, disposed of (every pooled connection closed) when the resource ends."""
    engine = create_database_engine(url, export_backends=export_backends)
    try:
        yield engine
    finally:
        engine.dispose()


def create_database_engine(url: str, *, export_backends: int = DEFAULT_EXPORT_BACKENDS) -> Engine:
    """`sqlite:///path.db` or `postgresql[+psycopg]://...`; anything else is refused."""
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed)
    if backend == "postgresql":
        # psycopg 3 is the one PostgreSQL driver installed; COPY streaming relies on it.
        return create_engine(
            parsed.set(drivername="postgresql+psycopg"),
            pool_pre_ping=True,
            execution_options={EXPORT_BACKENDS_OPTION: export_backends},
        )
    raise ValueError(f"unsupported database URL scheme {parsed.drivername!r}; use sqlite or postgresql")


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
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
