"""Port: one transaction over the catalog's batch operations and the job records.

A job handler whose effects are in the database changes a chunk through `product_updates` (or writes
one through `product_upserts`) and records its checkpoint and progress through `jobs` (fenced by the
attempt) before one `commit`: a crash leaves both or neither.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:
    from types import TracebackType

    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.application.ports.order_statistics import OrderStatistics
    from spacetime_service.application.ports.product_bulk_updater import ProductBulkUpdater
    from spacetime_service.application.ports.product_upserter import ProductUpserter


class BatchUnitOfWork(Protocol):
    # Read-only members, so that a unit of work whose stores are its own classes (each implementing
    # the store's port) is one of these.
    @property
    def product_updates(self) -> ProductBulkUpdater: ...

    @property
    def product_upserts(self) -> ProductUpserter: ...

    @property
    def order_statistics(self) -> OrderStatistics: ...

    @property
    def jobs(self) -> JobRepository: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Rolls back whatever was not committed and releases the connection."""

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
