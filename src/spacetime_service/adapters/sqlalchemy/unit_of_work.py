"""One database transaction on one pooled connection, shared by every repository of the unit of work."""

from __future__ import annotations

from typing import TYPE_CHECKING, Self

from spacetime_service.adapters.sqlalchemy.catalog.product_repository import SqlAlchemyProductRepository
from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.orders.order_reader import SqlAlchemyOrderReader

if TYPE_CHECKING:
    from types import TracebackType

    from sqlalchemy import Connection, Engine


class SqlAlchemyUnitOfWork:
    """Takes a connection from the pool on enter and gives it back on exit, after rolling back
    whatever was not committed. Repositories work on `connection`, so that everything done through
    one unit of work commits or rolls back together; a repository added later (jobs, checkpoints)
    joins by building itself on `connection` in `_open_repositories`."""

    products: SqlAlchemyProductRepository
    orders: SqlAlchemyOrderReader

    def __init__(self, engine: Engine, fetch_rows: int) -> None:
        self._engine = engine
        self._fetch_rows = fetch_rows
        self._connection: Connection | None = None

    @property
    def connection(self) -> Connection:
        """The connection of the open unit of work, for adapters that join its transaction."""
        if self._connection is None:
            raise RuntimeError("the unit of work is not open; use it in a with block")
        return self._connection

    def __enter__(self) -> Self:
        with translated_errors():
            self._connection = self._engine.connect()
        self._open_repositories(self._connection, self._fetch_rows)
        return self

    def _open_repositories(self, connection: Connection, fetch_rows: int) -> None:
        self.products = SqlAlchemyProductRepository(connection, fetch_rows)
        self.orders = SqlAlchemyOrderReader(connection, fetch_rows)

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        connection, self._connection = self.connection, None
        try:
            connection.rollback()
        finally:
            connection.close()

    def commit(self) -> None:
        with translated_errors():
            self.connection.commit()

    def rollback(self) -> None:
        self.connection.rollback()
