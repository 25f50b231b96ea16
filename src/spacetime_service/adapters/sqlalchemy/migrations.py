"""The schema's migrations through Alembic's API. The scripts live in the repository's top-level
`alembic/` (beside `alembic.ini`, so `alembic upgrade head` works from a clone); the wheel ships the
same directory as `spacetime_service/_alembic`, so `spacetime migrate` works from an installed wheel."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def _script_location() -> Path:
    """The copy inside an installed wheel first, else the clone's top-level directory."""
    for candidate in (_PACKAGE_ROOT / "_alembic", _PACKAGE_ROOT.parents[1] / "alembic"):
        if (candidate / "env.py").is_file():
            return candidate
    raise RuntimeError(f"no migration scripts beside {_PACKAGE_ROOT}: reinstall spacetime-service")


SCRIPT_LOCATION = _script_location()


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
