"""A bulk update whose database connections are terminated mid-run (pg_terminate_backend) is retried
from its checkpoint by the same attempt and still changes every product exactly once."""

from __future__ import annotations

import threading
import uuid
from decimal import Decimal
from typing import TYPE_CHECKING, Self

import pytest
from sqlalchemy import Engine, text

from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.application.bulk_updates.handler import BULK_UPDATE_KIND, BulkUpdateHandler
from spacetime_service.application.bulk_updates.job_request import BulkUpdateJobRequest
from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.retry_policy import RetryPolicy
from spacetime_service.domain.bulk_updates import BulkUpdate, BulkUpdateFilter, MultiplyPrice, Rounding
from spacetime_service.domain.jobs.job import Job, NewJob
from spacetime_service.domain.jobs.status import JobStatus
from tests.fakes.chunk_sizer import FixedRows
from tests.fakes.jobs import FixedClock
from tests.support import batch_datasets as datasets
from tests.support.batch_harness import SqlBatchHarness

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import TracebackType

    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork

pytestmark = pytest.mark.postgres

UPDATE = BulkUpdate(
    BulkUpdateFilter(max_price=Decimal("100.00")), MultiplyPrice(Decimal("1.5"), Rounding.HALF_UP)
)
UPTO_ID = 180
PAUSE_AT_UNIT = 4  # the job has committed chunks before this unit of work opens
WAIT_SECONDS = 120.0  # a bound for a broken engine, never reached by a working one


@pytest.fixture
def database(batch_integration_postgres: Engine) -> SqlBatchHarness:
    with batch_integration_postgres.begin() as connection:
        connection.execute(text("TRUNCATE jobs, orders, products"))
    harness = SqlBatchHarness(batch_integration_postgres)
    harness.load(datasets.products(200), datasets.orders(200))
    return harness


@pytest.fixture
def job_engine(batch_integration_postgres: Engine) -> Iterator[tuple[Engine, str]]:
    """An engine of the job's own, whose connections carry an application_name to find them by."""
    name = f"retry-test-{uuid.uuid4().hex[:12]}"
    url = batch_integration_postgres.url.update_query_dict({"application_name": name})
    engine = create_database_engine(url.render_as_string(hide_password=False))
    yield engine, name
    engine.dispose()


class PausingUnits:
    """Units of work on `engine`; the `PAUSE_AT_UNIT`-th one, once its connection is checked out,
    says so (`paused`) and waits for `resume` before the handler uses it."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._opened = 0
        self.paused = threading.Event()
        self.resume = threading.Event()

    def __call__(self) -> BatchUnitOfWork:
        self._opened += 1
        return _Pausing(
            self, SqlAlchemyBatchUnitOfWork(self._engine, 100), pause=self._opened == PAUSE_AT_UNIT
        )


class _Pausing:
    def __init__(self, owner: PausingUnits, inner: SqlAlchemyBatchUnitOfWork, *, pause: bool) -> None:
        self._owner = owner
        self._inner = inner
        self._pause = pause

    def __enter__(self) -> Self:
        self._inner.__enter__()
        self.product_updates = self._inner.product_updates
        self.product_upserts = self._inner.product_upserts
        self.order_statistics = self._inner.order_statistics
        self.jobs = self._inner.jobs
        self.products = self._inner.products
        self.orders = self._inner.orders
        if self._pause:
            self._inner.connection.execute(text("SELECT 1"))  # the backend is live and in a transaction
            self._owner.paused.set()
            assert self._owner.resume.wait(WAIT_SECONDS), "the test never resumed the job"
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._inner.__exit__(exc_type, exc, tb)

    def commit(self) -> None:
        self._inner.commit()

    def rollback(self) -> None:
        self._inner.rollback()


def _terminate_backends(admin: Engine, application_name: str) -> int:
    with admin.connect() as connection:
        terminated = connection.execute(
            text(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE application_name = :name AND pid <> pg_backend_pid()"
            ),
            {"name": application_name},
        ).scalar_one()
    return int(terminated)


def test_terminated_connections_are_retried_and_each_product_changes_exactly_once(
    database: SqlBatchHarness, job_engine: tuple[Engine, str]
) -> None:
    engine, application_name = job_engine
    before = database.products()
    clock = FixedClock()
    units = PausingUnits(engine)
    repository = SqlAlchemyJobRepository(engine)
    handler = BulkUpdateHandler(units, FixedRows(7), clock, min_chunk_rows=1)
    policy = RetryPolicy(max_retries=5, first_delay_seconds=0.01, max_delay_seconds=0.05)
    executor = JobExecutor(repository, {BULK_UPDATE_KIND: handler}, clock, retry_policy=policy)
    request = BulkUpdateJobRequest(UPDATE, UPTO_ID).to_json()
    created = repository.create(
        NewJob(str(uuid.uuid4()), BULK_UPDATE_KIND, "alice", None, request, clock.now())
    )
    claimed = repository.claim("worker", clock.now(), 600, job_id=created.job.id)
    assert claimed is not None
    ended: list[Job | None] = []
    worker = threading.Thread(
        target=lambda: ended.append(executor.run(claimed, AttemptControl(claimed.id, claimed.attempt)))
    )
    worker.start()

    assert units.paused.wait(WAIT_SECONDS), "the job never reached its pause"
    assert database.job(claimed.id).progress.done > 0  # chunks were committed before the fault
    terminated = _terminate_backends(database.engine, application_name)
    units.resume.set()
    worker.join(WAIT_SECONDS)

    assert not worker.is_alive()
    assert terminated >= 1
    finished = ended[0]
    assert finished is not None
    assert (finished.status, finished.attempt, finished.error) == (JobStatus.SUCCEEDED, 1, None)
    assert finished.retries >= 1
    assert finished.retry_error is not None
    after = database.products()
    for product_id, product in before.items():
        changed = UPDATE.changed(product, clock.now()) if product_id <= UPTO_ID else None
        assert after[product_id].price == (changed or product).price, product_id
    updated = [p for p in after.values() if p.updated_at != datasets.BASE]
    assert finished.progress.done == len(updated) == finished.progress.total
