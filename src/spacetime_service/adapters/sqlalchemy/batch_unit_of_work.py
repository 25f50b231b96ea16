"""The unit of work of batch jobs: the catalog's unit of work plus bulk updates, upserts by sku, order
statistics and the job records, all on its one connection and transaction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.adapters.sqlalchemy.analytics.order_statistics import SqlAlchemyOrderStatistics
from spacetime_service.adapters.sqlalchemy.bulk_updates.product_bulk_updater import (
    SqlAlchemyProductBulkUpdater,
)
from spacetime_service.adapters.sqlalchemy.imports.product_upserter import SqlAlchemyProductUpserter
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork

if TYPE_CHECKING:
    from sqlalchemy import Connection


class SqlAlchemyBatchUnitOfWork(SqlAlchemyUnitOfWork):
    """A BatchUnitOfWork (and a UnitOfWork). The job repository is built on the connection, so its
    fenced writes join the transaction: a chunk's UPDATE and its checkpoint commit or roll back
    together. (On SQLite the first write takes the database's write lock until the commit; the
    chunk reads before it run outside the transaction and only choose the chunk's id range.)"""

    product_updates: SqlAlchemyProductBulkUpdater
    product_upserts: SqlAlchemyProductUpserter
    order_statistics: SqlAlchemyOrderStatistics
    jobs: SqlAlchemyJobRepository

    def _open_repositories(self, connection: Connection, fetch_rows: int) -> None:
        super()._open_repositories(connection, fetch_rows)
        self.product_updates = SqlAlchemyProductBulkUpdater(connection)
        self.product_upserts = SqlAlchemyProductUpserter(connection)
        self.order_statistics = SqlAlchemyOrderStatistics(connection)
        self.jobs = SqlAlchemyJobRepository(connection)
