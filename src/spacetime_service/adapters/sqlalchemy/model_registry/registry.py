"""The model registry in a SQL database (SQLite or PostgreSQL): each call one short transaction."""

from __future__ import annotations

from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.model_registry.rows import (
    alias_of_row,
    row_of_version,
    version_of_row,
)
from spacetime_service.adapters.sqlalchemy.model_registry.tables import model_aliases, model_versions
from spacetime_service.domain.errors import Conflict, NotFound
from spacetime_service.domain.ml.aliases import ModelAlias
from spacetime_service.domain.ml.aliases import point_alias as checked_alias
from spacetime_service.domain.ml.model_listing import ModelPage, ModelPosition, ModelQuery

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion


class SqlAlchemyModelRegistry:
    """Writes are conditional statements: `register` inserts or yields to the existing row, `update`
    changes a row only while it still has the expected status; aliases are upserts in the same
    transaction as the check of the version they name."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def register(self, version: ModelVersion) -> ModelVersion:
        with self._transaction(write=True) as connection:
            insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
            statement = insert(model_versions).values(row_of_version(version, _now()))
            connection.execute(statement.on_conflict_do_nothing(index_elements=[model_versions.c.id]))
            stored = self._get(connection, version.id)
        assert stored is not None, "a version just inserted or found is there"
        return stored

    def get(self, model_id: str) -> ModelVersion | None:
        with self._transaction(write=False) as connection:
            return self._get(connection, model_id)

    def update(
        self, version: ModelVersion, *, expected: ModelStatus, aliases: Sequence[ModelAlias] = ()
    ) -> None:
        row = row_of_version(version, _now())
        del row["id"], row["created_at"]
        with self._transaction(write=True) as connection:
            changed = connection.execute(
                update(model_versions)
                .where(model_versions.c.id == version.id, model_versions.c.status == expected.value)
                .values(row)
            ).rowcount
            if changed != 1:
                stored = self._get(connection, version.id)
                if stored is None:
                    raise NotFound(f"model {version.id} does not exist")
                raise Conflict(f"model {version.id} is {stored.status}, not {expected}")
            for alias in aliases:
                self._upsert_alias(connection, alias)

    def page(self, query: ModelQuery) -> ModelPage:
        table = model_versions
        conditions = []
        if query.owner is not None:
            conditions.append(table.c.owner == query.owner)
        if query.task is not None:
            conditions.append(table.c.task == query.task)
        if query.status is not None:
            conditions.append(table.c.status == query.status.value)
        if query.after is not None:
            created_at, model_id = query.after.created_at, query.after.id
            conditions.append(
                or_(
                    table.c.created_at < created_at,
                    and_(table.c.created_at == created_at, table.c.id < model_id),
                )
            )
        newest_first = (
            select(table).where(*conditions).order_by(table.c.created_at.desc(), table.c.id.desc())
        ).limit(query.limit)
        with self._transaction(write=False) as connection:
            items = [version_of_row(row) for row in connection.execute(newest_first)]
        full = len(items) == query.limit
        return ModelPage(items, ModelPosition.of(items[-1]) if full and items else None)

    def point_alias(self, alias: ModelAlias) -> None:
        with self._transaction(write=True) as connection:
            version = self._get(connection, alias.model_id)
            if version is None or version.owner != alias.owner:
                raise NotFound(f"model {alias.model_id} does not exist")
            self._upsert_alias(connection, checked_alias(alias.task, alias.name, version))

    def alias(self, owner: str, task: str, name: str) -> ModelAlias | None:
        query = select(model_aliases).where(
            model_aliases.c.owner == owner, model_aliases.c.task == task, model_aliases.c.name == name
        )
        with self._transaction(write=False) as connection:
            row = connection.execute(query).first()
        return None if row is None else alias_of_row(row)

    def aliases_of(self, model_id: str) -> Sequence[ModelAlias]:
        query = (
            select(model_aliases)
            .where(model_aliases.c.model_id == model_id)
            .order_by(model_aliases.c.task, model_aliases.c.name)
        )
        with self._transaction(write=False) as connection:
            return [alias_of_row(row) for row in connection.execute(query)]

    @staticmethod
    def _get(connection: Connection, model_id: str) -> ModelVersion | None:
        row = connection.execute(select(model_versions).where(model_versions.c.id == model_id)).first()
        return None if row is None else version_of_row(row)

    @staticmethod
    def _upsert_alias(connection: Connection, alias: ModelAlias) -> None:
        insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
        values = {
            "owner": alias.owner,
            "task": alias.task,
            "name": alias.name,
            "model_id": alias.model_id,
            "updated_at": _now(),
        }
        statement = insert(model_aliases).values(values)
        connection.execute(
            statement.on_conflict_do_update(
                index_elements=[model_aliases.c.owner, model_aliases.c.task, model_aliases.c.name],
                set_={"model_id": alias.model_id, "updated_at": values["updated_at"]},
            )
        )

    @contextmanager
    def _transaction(self, *, write: bool) -> Iterator[Connection]:
        """One transaction, committed at the end. On SQLite a writing one takes the write lock at once
        (BEGIN IMMEDIATE), so its check and its write see the same, newest snapshot."""
        with translated_errors(), self._engine.connect() as connection:
            if write and connection.dialect.name == "sqlite":
                connection.exec_driver_sql("BEGIN IMMEDIATE")
            yield connection
            connection.commit()


def _now() -> datetime:
    return datetime.now(UTC)
