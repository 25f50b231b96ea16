"""The migrations: a stairway up and down every revision, no drift from `tables.metadata`, and the
health probe that checks the schema is at the head."""

from __future__ import annotations

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.health import SqlAlchemyHealthProbe
from spacetime_service.adapters.sqlalchemy.migrations import (
    alembic_config,
    current_revision,
    head_revision,
    upgrade_to_head,
)
from spacetime_service.adapters.sqlalchemy.schema.metadata import metadata


def revisions_oldest_first() -> list[tuple[str, str]]:
    script = ScriptDirectory.from_config(alembic_config())
    return [(r.revision, str(r.down_revision or "base")) for r in reversed(list(script.walk_revisions()))]


def test_every_revision_goes_up_down_and_up_again(database_url: str) -> None:
    config = alembic_config(database_url)
    engine = create_database_engine(database_url)
    try:
        for revision, previous in revisions_oldest_first():
            command.upgrade(config, revision)
            command.downgrade(config, previous)
            command.upgrade(config, revision)
            assert current_revision(engine) == revision
        command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    finally:
        engine.dispose()


def test_the_head_schema_matches_the_tables_exactly(migrated_engine: Engine) -> None:
    # `alembic check`: autogenerate finds nothing to add, drop or alter
    command.check(alembic_config(str(migrated_engine.url.render_as_string(hide_password=False))))

    tables = set(inspect(migrated_engine).get_table_names())
    assert set(metadata.tables) <= tables


def test_upgrading_twice_changes_nothing(database_url: str) -> None:
    upgrade_to_head(database_url)
    upgrade_to_head(database_url)
    engine = create_database_engine(database_url)
    try:
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()


def test_the_probe_is_healthy_at_the_head(migrated_engine: Engine) -> None:
    probe = SqlAlchemyHealthProbe(migrated_engine)

    assert probe.name == "database"
    assert probe.check() is None


def test_the_probe_names_a_schema_that_is_behind(database_url: str) -> None:
    engine = create_database_engine(database_url)
    try:
        reason = SqlAlchemyHealthProbe(engine).check()
    finally:
        engine.dispose()

    assert reason is not None
    assert "none" in reason
    assert head_revision() in reason


@pytest.mark.postgres
def test_the_probe_names_a_database_that_does_not_answer() -> None:
    engine = create_database_engine("postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1")
    try:
        reason = SqlAlchemyHealthProbe(engine).check()
    finally:
        engine.dispose()

    assert reason is not None
    assert "does not answer" in reason
