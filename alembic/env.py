"""Alembic's environment: the target is `schema.metadata` (every table module registered on it); the
URL comes from the caller (`migrations.upgrade_to_head`), else DATABASE_URL, else `sqlalchemy.url` of
alembic.ini."""

from __future__ import annotations

import os

from alembic import context

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.schema.metadata import metadata


def _database_url() -> str:
    url = (
        context.config.attributes.get("url")
        or os.environ.get("DATABASE_URL")
        or context.config.get_main_option("sqlalchemy.url")
    )
    if not url:
        raise RuntimeError("no database URL: set DATABASE_URL")
    return str(url)


def _run_offline() -> None:
    url = _database_url()
    context.configure(
        url=url,
        target_metadata=metadata,
        literal_binds=True,
        render_as_batch=url.startswith("sqlite"),
    )
    with context.begin_transaction():
        context.run_migrations()


def _run_online() -> None:
    engine = create_database_engine(_database_url())
    try:
        with engine.connect() as connection:
            context.configure(
                connection=connection,
                target_metadata=metadata,
                # SQLite alters a table by copying it; batch mode does that for every ALTER.
                render_as_batch=connection.dialect.name == "sqlite",
            )
            with context.begin_transaction():
                context.run_migrations()
    finally:
        engine.dispose()


if context.is_offline_mode():
    _run_offline()
else:
    _run_online()
