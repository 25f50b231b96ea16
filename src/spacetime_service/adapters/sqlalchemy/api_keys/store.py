"""The API-key store in a SQL database (SQLite or PostgreSQL): each call one short transaction."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, insert, or_, select, update

from spacetime_service.adapters.sqlalchemy.api_keys.rows import key_of_row, row_of_key, stored_key_of_row
from spacetime_service.adapters.sqlalchemy.api_keys.tables import api_keys
from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.domain.errors import NotFound

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from datetime import datetime

    from spacetime_service.domain.api_keys import ApiKey, StoredApiKey


class SqlAlchemyApiKeyStore:
    """Revocation and the record of a use are conditional updates, so concurrent callers never move a
    time backwards or overwrite the first revocation."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, stored: StoredApiKey) -> None:
        with self._transaction() as connection:
            connection.execute(insert(api_keys).values(row_of_key(stored)))

    def find(self, key_id: str) -> StoredApiKey | None:
        with self._transaction() as connection:
            row = connection.execute(select(api_keys).where(api_keys.c.id == key_id)).first()
        return None if row is None else stored_key_of_row(row)

    def list_keys(self, owner: str | None = None) -> Sequence[ApiKey]:
        query = select(api_keys).order_by(api_keys.c.created_at, api_keys.c.id)
        if owner is not None:
            query = query.where(api_keys.c.owner == owner)
        with self._transaction() as connection:
            return [key_of_row(row) for row in connection.execute(query)]

    def revoke(self, key_id: str, at: datetime) -> ApiKey:
        with self._transaction() as connection:
            connection.execute(
                update(api_keys)
                .where(api_keys.c.id == key_id, api_keys.c.revoked_at.is_(None))
                .values(revoked_at=at)
            )
            row = connection.execute(select(api_keys).where(api_keys.c.id == key_id)).first()
        if row is None:
            raise NotFound(f"API key {key_id} does not exist")
        return key_of_row(row)

    def mark_used(self, key_id: str, at: datetime, *, unless_used_after: datetime) -> None:
        last_used = api_keys.c.last_used_at
        with self._transaction() as connection:
            connection.execute(
                update(api_keys)
                .where(api_keys.c.id == key_id, or_(last_used.is_(None), last_used <= unless_used_after))
                .values(last_used_at=at)
            )

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        with translated_errors(), self._engine.connect() as connection:
            yield connection
            connection.commit()
