"""The schema's migrations through Alembic's API. The scripts ship inside this package
(`alembic_env/`), so they run from an installed wheel as well as from the repository."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

SCRIPT_LOCATION = Path(__file__).with_name("alembic_env")


def alembic_config(url: str | None = None) -> Config:
    """A configuration without an ini file; `url` reaches env.py through the config's attributes."""
    config = Config()
    config.set_main_option("script_location", str(SCRIPT_LOCATION).replace("%", "%%"))
    if url is not None:
        config.attributes["url"] = url
    return config


def upgrade_to_head(url: str) -> None:
    command.upgrade(alembic_config(url), "head")


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:
        raise RuntimeError("the migration scripts have no head revision")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None when no migration has run."""
    with engine.connect() as connection:
        return revision_of(connection)


def revision_of(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
