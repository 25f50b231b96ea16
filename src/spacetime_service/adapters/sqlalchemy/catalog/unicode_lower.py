"""`unicode_lower(text)`: lower case for every alphabet on both databases.

SQLite's own `lower()` (and so `ILIKE`, which SQLAlchemy writes as `lower(x) LIKE lower(y)` there)
folds ASCII letters only: a search for "école" would miss "ÉCOLE". On SQLite this construct calls an
application function that the engine registers on every connection (`register_unicode_lower`); on
PostgreSQL it is the built-in `lower()`, which follows the database's UTF-8 locale.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction

SQLITE_FUNCTION = "unicode_lower"


class unicode_lower(GenericFunction[str]):  # noqa: N801 - SQL functions are named in lower case
    type = String()
    inherit_cache = True


@compiles(unicode_lower, "sqlite")
def _sqlite(element: unicode_lower, compiler: Any, **kw: Any) -> str:
    return f"{SQLITE_FUNCTION}({compiler.process(element.clauses, **kw)})"


@compiles(unicode_lower)
def _default(element: unicode_lower, compiler: Any, **kw: Any) -> str:
    return f"lower({compiler.process(element.clauses, **kw)})"


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def register_unicode_lower(dbapi_connection: Any) -> None:
    """Makes `unicode_lower` callable on a SQLite connection; deterministic, so SQLite may reuse it."""
    dbapi_connection.create_function(SQLITE_FUNCTION, 1, _lower, deterministic=True)
