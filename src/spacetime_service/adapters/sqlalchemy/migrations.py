"""The schema's migrations through Alembic's API. The scripts live in the repository's top-level
`alembic/` (beside `alembic.ini`, so `alembic upgrade head` works from a clone); the wheel ships the
same directory as `spacetime_service/_alembic`, so `spacetime migrate` works from an installed wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import String, column, inspect, select, table

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


@cache  # the scripts ship with the code and cannot change under a running process; the readiness
# probe asks on every call, and reading every script each time cost it more than its query
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


# Alembic's default version table, which alembic/env.py keeps.
VERSION_TABLE = "alembic_version"


def stamped_revision(connection: Connection) -> str | None:
    """The revision in the version table, read directly; None when no migration has run. For the
    readiness probe: building a MigrationContext logs its dialect at INFO every time, two lines per
    probe, every few seconds, in every process."""
    if not inspect(connection).has_table(VERSION_TABLE):
        return None
    versions = select(column("version_num", String)).select_from(table(VERSION_TABLE))
    revisions = connection.execute(versions).scalars().all()
    # More than one row only while branches are unmerged; never the single head then.
    return ",".join(sorted(revisions)) or None
