"""An in-memory BatchUnitOfWork for use-case and handler tests: bulk updates, upserts by sku, order
statistics and job records in one transaction that commits or rolls back as a whole.

It passes the contract suites of the SQL adapter (tests/contracts/bulk_updates, reports and imports).
Products changed in a unit of work are a private copy until `commit`; job writes are checked against the
fence at once (as the database's conditional UPDATE is) and applied at `commit`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Self, TypedDict

from spacetime_service.application.ports.product_bulk_updater import ChunkEnd, ProductBulkUpdater
from spacetime_service.application.ports.product_upserter import ProductUpserter, UpsertCounts
from spacetime_service.domain.jobs import transitions
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.products import Product
from spacetime_service.domain.reports import (
    EARNING_STATUSES,
    DailyStats,
    DayRange,
    ProductSales,
    SalesPeriod,
)
from tests.fakes.jobs import FakeJobRepository

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence
    from types import TracebackType

    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.application.ports.order_statistics import OrderStatistics
    from spacetime_service.domain.bulk_updates import BulkUpdate
    from spacetime_service.domain.imports import ImportRecord
    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.domain.jobs.json_value import JsonObject
    from spacetime_service.domain.jobs.progress import Progress
    from spacetime_service.domain.orders import Order


@dataclass
class BatchState:
    """What the fake database holds between units of work."""

    products: dict[int, Product] = field(default_factory=dict)
    orders: list[Order] = field(default_factory=list)
    jobs: FakeJobRepository = field(default_factory=FakeJobRepository)


class FakeProductBulkUpdater:
    def __init__(self, products: dict[int, Product]) -> None:
        self._products = products

    def _changes(self, bulk: BulkUpdate, after_id: int, upto_id: int, now: datetime) -> list[Product]:
        changed = (bulk.changed(p, now) for i, p in sorted(self._products.items()) if after_id < i <= upto_id)
        return [product for product in changed if product is not None]

    def max_id(self) -> int:
        return max(self._products, default=0)

    def count_changes(self, update: BulkUpdate, upto_id: int) -> int:
        return len(self._changes(update, 0, upto_id, datetime.now(UTC)))

    def next_chunk_end(self, update: BulkUpdate, after_id: int, upto_id: int, limit: int) -> ChunkEnd | None:
        chunk = self._changes(update, after_id, upto_id, datetime.now(UTC))[:limit]
        return ChunkEnd(chunk[-1].id, len(chunk)) if chunk else None

    def apply(self, update: BulkUpdate, after_id: int, upto_id: int, now: datetime) -> int:
        changed = self._changes(update, after_id, upto_id, now)
        self._products.update((product.id, product) for product in changed)
        return len(changed)


class _ImportedValues(TypedDict):
    """The fields an import record sets on a product, besides its sku."""

    name: str
    description: str
    category: str
    price: Decimal
    stock: int


class FakeProductUpserter:
    """New skus get the next ids in record order, as an auto-incrementing key hands them out."""

    def __init__(self, products: dict[int, Product]) -> None:
        self._products = products

    def upsert(self, records: Sequence[ImportRecord], now: datetime) -> UpsertCounts:
        by_sku = {product.sku: product for product in self._products.values()}
        inserted = updated = 0
        for record in records:
            values: _ImportedValues = {
                "name": record.name,
                "description": record.description,
                "category": record.category,
                "price": record.price,
                "stock": record.stock,
            }
            known = by_sku.get(record.sku)
            if known is None:
                new_id = max(self._products, default=0) + 1
                self._products[new_id] = Product(new_id, record.sku, **values, created_at=now, updated_at=now)
                inserted += 1
            elif any(getattr(known, name) != value for name, value in values.items()):
                self._products[known.id] = replace(known, **values, updated_at=now)
                updated += 1
        return UpsertCounts(inserted, updated, len(records) - inserted - updated)


class FakeOrderStatistics:
    def __init__(self, orders: Iterable[Order], products: dict[int, Product]) -> None:
        self._orders = list(orders)
        self._products = products

    def _within(self, days: DayRange) -> Iterator[Order]:
        return (o for o in self._orders if days.start <= o.created_at.date() <= days.end)

    def daily_stats(self, days: DayRange) -> Iterator[DailyStats]:
        by_day: dict[date, list[Order]] = defaultdict(list)
        for order in self._within(days):
            by_day[order.created_at.date()].append(order)
        for day, found in sorted(by_day.items()):
            revenue = sum((o.revenue for o in found if o.status in EARNING_STATUSES), Decimal("0.00"))
            returned = sum(1 for o in found if o.status == "returned")
            yield DailyStats(day, len(found), revenue, len({o.customer_id for o in found}), returned)

    def product_sales(self, days: DayRange, period: SalesPeriod) -> Iterator[ProductSales]:
        groups: dict[tuple[str, int], list[Order]] = defaultdict(list)
        for order in self._within(days):
            if order.status in EARNING_STATUSES:
                groups[(period.label(order.created_at.date()), order.product_id)].append(order)
        for (label, product_id), found in sorted(groups.items()):
            revenue = sum((o.revenue for o in found), Decimal("0.00"))
            units = sum(o.quantity for o in found)
            yield ProductSales(product_id, self._products[product_id].sku, label, len(found), units, revenue)


class StagedJobWrites(FakeJobRepository):
    """The job records as seen inside a unit of work: progress is staged until the commit; every other
    call goes to the store at once."""

    def __init__(self, jobs: FakeJobRepository) -> None:
        super().__init__()
        # A view on the same records: every inherited method reads and writes the store itself.
        self._jobs, self._keys, self._lock = jobs._jobs, jobs._keys, jobs._lock
        self._records = jobs
        self.staged: list[tuple[str, int, Progress, float | None, JsonObject | None, datetime]] = []

    def record_progress(
        self,
        job_id: str,
        attempt: int,
        progress: Progress,
        *,
        eta_seconds: float | None,
        checkpoint: JsonObject | None,
        now: datetime,
    ) -> Job | None:
        job = self._records.get(job_id)
        if job is None or not job.accepts_writer(attempt):
            return None
        self.staged.append((job_id, attempt, progress, eta_seconds, checkpoint, now))
        return transitions.progressed(
            job, attempt, progress, eta_seconds=eta_seconds, checkpoint=checkpoint, now=now
        )


class FakeBatchUnitOfWork:
    # Typed as the BatchUnitOfWork port's members (a protocol's settable members must match exactly).
    product_updates: ProductBulkUpdater
    product_upserts: ProductUpserter
    order_statistics: OrderStatistics
    jobs: JobRepository

    def __init__(self, state: BatchState) -> None:
        self._state = state
        self.commits = 0

    def __enter__(self) -> Self:
        self._products = dict(self._state.products)
        self.product_updates = FakeProductBulkUpdater(self._products)
        self.product_upserts = FakeProductUpserter(self._products)
        self.order_statistics = FakeOrderStatistics(self._state.orders, self._products)
        self._staged_jobs = StagedJobWrites(self._state.jobs)
        self.jobs = self._staged_jobs
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.rollback()

    def commit(self) -> None:
        for job_id, attempt, progress, eta, checkpoint, now in self._staged_jobs.staged:
            written = self._state.jobs.record_progress(
                job_id, attempt, progress, eta_seconds=eta, checkpoint=checkpoint, now=now
            )
            if written is None:
                raise LeaseLost(f"attempt {attempt} of job {job_id} lost its lease before the commit")
        self._state.products = dict(self._products)
        self._staged_jobs.staged.clear()
        self.commits += 1

    def rollback(self) -> None:
        self._products.clear()
        self._products.update(self._state.products)
        self._staged_jobs.staged.clear()
