"""Port: one transaction over the catalog's batch operations and the job records.

A job handler whose effects are in the database changes a chunk through `product_updates` (or writes
one through `product_upserts`) and records its checkpoint and progress through `jobs` (fenced by the
attempt) before one `commit`: a crash leaves both or neither. `jobs` and `commit` come from `JobUnitOfWork`,
`with` and `rollback` from `Transaction`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from spacetime_service.application.ports.job_unit_of_work import JobUnitOfWork
from spacetime_service.application.ports.transaction import Transaction

if TYPE_CHECKING:
    from spacetime_service.application.ports.order_statistics import OrderStatistics
    from spacetime_service.application.ports.product_bulk_updater import ProductBulkUpdater
    from spacetime_service.application.ports.product_upserter import ProductUpserter


class BatchUnitOfWork(Transaction, JobUnitOfWork, Protocol):
    # Read-only members, so that a unit of work whose stores are its own classes (each implementing
    # the store's port) is one of these.
    @property
    def product_updates(self) -> ProductBulkUpdater: ...

    @property
    def product_upserts(self) -> ProductUpserter: ...

    @property
    def order_statistics(self) -> OrderStatistics: ...
