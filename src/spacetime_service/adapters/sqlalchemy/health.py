"""Health of the database: it answers, and its schema is at the newest migration."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from spacetime_service.adapters.sqlalchemy.migrations import head_revision, stamped_revision


class SqlAlchemyHealthProbe:
    name = "database"

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def check(self) -> str | None:
        try:
            with self._engine.connect() as connection:
                connection.execute(text("SELECT 1"))
                current = stamped_revision(connection)
        except SQLAlchemyError as error:
            return f"the database does not answer ({type(error).__name__})"
        head = head_revision()
        if current != head:
            return f"the schema is at revision {current or 'none'}, not {head}; run the migrations"
        return None
