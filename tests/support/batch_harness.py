"""Harnesses over a BatchUnitOfWork: the in-memory fake, or SQLite and PostgreSQL through SQLAlchemy.

A harness loads a catalog, opens units of work, reads the products back, and makes job records
(claimed, or taken over by a later attempt) to fence the progress written in a chunk's transaction.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Engine, select, text

from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.adapters.sqlalchemy.catalog.domain_rows import product_from_row
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from tests.fakes.batch_unit_of_work import BatchState, FakeBatchUnitOfWork
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.domain.orders import Order
    from spacetime_service.domain.products import Product

FETCH_ROWS = 100


class BatchHarness:
    def __init__(self, jobs: JobRepository) -> None:
        self.jobs = jobs
        self._second = 0

    def load(self, items: Sequence[Product], history: Sequence[Order] = ()) -> None:
        raise NotImplementedError

    def uow(self) -> BatchUnitOfWork:
        raise NotImplementedError

    def products(self) -> dict[int, Product]:
        raise NotImplementedError

    def claimed_job(self) -> Job:
        job = self.jobs.create(new_job(0, kind="bulk_update")).job
        return self.next_attempt(job.id)

    def next_attempt(self, job_id: str) -> Job:
        self._second += int(LEASE_SECONDS) * 10  # well past the previous lease
        claimed = self.jobs.claim("worker", at(self._second), LEASE_SECONDS, job_id=job_id)
        assert claimed is not None
        return claimed

    def job(self, job_id: str) -> Job:
        job = self.jobs.get(job_id)
        assert job is not None
        return job


class FakeBatchHarness(BatchHarness):
    def __init__(self) -> None:
        self.state = BatchState()
        super().__init__(self.state.jobs)

    def load(self, items: Sequence[Product], history: Sequence[Order] = ()) -> None:
        self.state.products = {product.id: product for product in items}
        self.state.orders = list(history)

    def uow(self) -> BatchUnitOfWork:
        return FakeBatchUnitOfWork(self.state)

    def products(self) -> dict[int, Product]:
        return dict(self.state.products)


class SqlBatchHarness(BatchHarness):
    def __init__(self, engine: Engine) -> None:
        super().__init__(SqlAlchemyJobRepository(engine))
        self.engine = engine

    def load(self, items: Sequence[Product], history: Sequence[Order] = ()) -> None:
        with self.engine.begin() as connection:
            connection.execute(products.insert(), [_fields(p) for p in items])
            if history:
                connection.execute(
                    orders.insert(), [{**_fields(o), "status": o.status.value} for o in history]
                )
            if self.engine.dialect.name == "postgresql":
                # As the catalog loader does: new rows get ids after the loaded ones.
                connection.execute(
                    text("SELECT setval(pg_get_serial_sequence('products', 'id'), max(id)) FROM products")
                )

    def uow(self) -> BatchUnitOfWork:
        return SqlAlchemyBatchUnitOfWork(self.engine, FETCH_ROWS)

    def products(self) -> dict[int, Product]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(products).order_by(products.c.id))
            return {row.id: product_from_row(row) for row in rows}


def _fields(entity: object) -> dict[str, object]:
    return {name: getattr(entity, name) for name in entity.__slots__}  # type: ignore[attr-defined]
