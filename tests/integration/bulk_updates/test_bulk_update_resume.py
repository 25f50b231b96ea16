"""A bulk update on a real database, killed after k chunks and resumed, changes each product once."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.application.bulk_updates.handler import (
    BULK_UPDATE_KIND,
    BulkUpdateHandler,
)
from spacetime_service.application.bulk_updates.job_request import BulkUpdateJobRequest
from spacetime_service.domain.bulk_updates import BulkUpdate, BulkUpdateFilter, MultiplyPrice, Rounding
from spacetime_service.domain.jobs.status import JobStatus
from tests.fakes.chunk_sizer import FixedRows
from tests.fakes.jobs import FixedClock
from tests.support import batch_datasets as datasets
from tests.support.job_driver import CrashingUnitsOfWork, JobDriver, SimulatedCrash

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork
    from tests.support.batch_harness import SqlBatchHarness

UPDATE = BulkUpdate(
    BulkUpdateFilter(max_price=Decimal("100.00")), MultiplyPrice(Decimal("1.5"), Rounding.HALF_UP)
)
UPTO_ID = 180  # products 181..200 exist but count as added after the submission


def _driver(
    database: SqlBatchHarness, clock: FixedClock, factory: Callable[[], BatchUnitOfWork]
) -> JobDriver:
    handler = BulkUpdateHandler(factory, FixedRows(7), clock, min_chunk_rows=1)
    return JobDriver(database.jobs, clock, handler, BULK_UPDATE_KIND)


@pytest.mark.parametrize("after_commit", [False, True], ids=["before-commit", "after-commit"])
@pytest.mark.parametrize("crash_at", [1, 3, 9])
def test_each_product_changes_exactly_once_across_a_crash(
    database: SqlBatchHarness, crash_at: int, after_commit: bool
) -> None:
    before = database.products()
    clock = FixedClock()

    def units() -> BatchUnitOfWork:
        return SqlAlchemyBatchUnitOfWork(database.engine, 100)

    crashing = CrashingUnitsOfWork(units, crash_at, after_commit=after_commit)
    job_id = _driver(database, clock, units).submit(BulkUpdateJobRequest(UPDATE, UPTO_ID).to_json())
    with pytest.raises(SimulatedCrash):
        _driver(database, clock, crashing).attempt(job_id)
    finished = _driver(database, clock, units).attempt(job_id)

    after = database.products()
    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    assert finished.progress.total is not None
    for product_id, product in before.items():
        changed = UPDATE.changed(product, clock.now()) if product_id <= UPTO_ID else None
        assert after[product_id].price == (changed or product).price, product_id
    updated = [p for p in after.values() if p.updated_at != datasets.BASE]
    assert finished.progress.done == len(updated) == finished.progress.total > 7 * crash_at
