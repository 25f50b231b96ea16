"""Bulk updates through the use case and the job engine, on fakes: dry runs, frozen targets,
idempotent submissions, and exactly-once changes across crashes."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.bulk_updates.bulk_update_products import (
    BulkUpdateProducts,
    BulkUpdateProductsCommand,
)
from spacetime_service.application.bulk_updates.handler import (
    BULK_UPDATE_KIND,
    BulkUpdateHandler,
)
from spacetime_service.application.bulk_updates.job_request import BulkUpdateJobRequest
from spacetime_service.application.jobs.submit_job import SubmitJob
from spacetime_service.domain.bulk_updates import BulkUpdate, BulkUpdateFilter, MultiplyPrice, Rounding
from spacetime_service.domain.errors import Conflict
from spacetime_service.domain.jobs.status import JobStatus
from tests.fakes.batch_unit_of_work import BatchState, FakeBatchUnitOfWork
from tests.fakes.chunk_sizer import FixedRows
from tests.fakes.jobs import FixedClock, RecordingJobRunner, SequentialIds
from tests.support.batch_datasets import products
from tests.support.job_driver import CrashingUnitsOfWork, JobDriver, SimulatedCrash
from tests.support.jobs.builders import new_job

if TYPE_CHECKING:
    from spacetime_service.domain.products import Product

RAISE = BulkUpdate(
    BulkUpdateFilter(min_price=Decimal("0.05")), MultiplyPrice(Decimal("1.5"), Rounding.HALF_EVEN)
)


def _world(count: int = 30) -> tuple[BatchState, FixedClock]:
    return BatchState(products={p.id: p for p in products(count)}), FixedClock()


def _use_case(state: BatchState, clock: FixedClock) -> BulkUpdateProducts:
    submit = SubmitJob(state.jobs, RecordingJobRunner(), clock, SequentialIds(), kinds={BULK_UPDATE_KIND})
    return BulkUpdateProducts(lambda: FakeBatchUnitOfWork(state), submit, state.jobs)


def _expected(before: dict[int, Product], update: BulkUpdate) -> dict[int, tuple[Decimal, int]]:
    after = {}
    for product_id, product in before.items():
        changed = update.changed(product, product.updated_at)
        after[product_id] = ((changed or product).price, (changed or product).stock)
    return after


def _values(state: BatchState) -> dict[int, tuple[Decimal, int]]:
    return {product_id: (p.price, p.stock) for product_id, p in state.products.items()}


def test_a_dry_run_counts_without_a_job() -> None:
    state, clock = _world()

    result = _use_case(state, clock).execute(BulkUpdateProductsCommand("alice", RAISE, dry_run=True))

    expected = sum(1 for p in state.products.values() if RAISE.changed(p, clock.now()) is not None)
    assert (result.would_change, result.job) == (expected, None)
    assert expected > 0


def test_the_job_freezes_the_largest_id_at_submission() -> None:
    state, clock = _world()

    result = _use_case(state, clock).execute(BulkUpdateProductsCommand("alice", RAISE))

    assert result.job is not None
    assert result.created
    assert BulkUpdateJobRequest.from_json(result.job.request) == BulkUpdateJobRequest(RAISE, 30)


def test_a_repeated_key_returns_the_first_job_even_after_new_products() -> None:
    state, clock = _world()
    use_case = _use_case(state, clock)
    first = use_case.execute(BulkUpdateProductsCommand("alice", RAISE, idempotency_key="k1"))
    newcomer = replace(state.products[1], id=31, sku="NEW")
    state.products[31] = newcomer

    again = use_case.execute(BulkUpdateProductsCommand("alice", RAISE, idempotency_key="k1"))

    assert again.job is not None
    assert first.job is not None
    assert (again.job.id, again.created) == (first.job.id, False)
    other = BulkUpdate(RAISE.target, MultiplyPrice(Decimal(2)))
    with pytest.raises(Conflict):
        use_case.execute(BulkUpdateProductsCommand("alice", other, idempotency_key="k1"))


def test_a_retry_finds_its_job_behind_more_than_a_thousand_later_jobs() -> None:
    state, clock = _world()
    use_case = _use_case(state, clock)
    first = use_case.execute(BulkUpdateProductsCommand("alice", RAISE, idempotency_key="k1"))
    for second in range(1, 1002):
        state.jobs.create(new_job(second, kind=BULK_UPDATE_KIND, owner="alice"))
    # A product added since changes the job request (its upto_id), so the retry goes by the key.
    state.products[31] = replace(state.products[1], id=31, sku="NEW")

    again = use_case.execute(BulkUpdateProductsCommand("alice", RAISE, idempotency_key="k1"))

    assert first.job is not None
    assert again.job is not None
    assert (again.job.id, again.created) == (first.job.id, False)


def _driver(state: BatchState, clock: FixedClock, crash: CrashingUnitsOfWork | None = None) -> JobDriver:
    factory = crash or (lambda: FakeBatchUnitOfWork(state))
    handler = BulkUpdateHandler(factory, FixedRows(4), clock, min_chunk_rows=1)
    return JobDriver(state.jobs, clock, handler, BULK_UPDATE_KIND)


def test_the_job_changes_every_targeted_product_and_not_later_ones() -> None:
    state, clock = _world()
    expected = _expected(state.products, RAISE)
    driver = _driver(state, clock)
    job_id = driver.submit(BulkUpdateJobRequest(RAISE, 25).to_json())

    finished = driver.attempt(job_id)

    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    assert {i: v for i, v in _values(state).items() if i <= 25} == {
        i: v for i, v in expected.items() if i <= 25
    }
    assert all(state.products[i] == products(30)[i - 1] for i in range(26, 31))
    assert (
        finished.progress.done
        == finished.progress.total
        == sum(
            1
            for i, v in expected.items()
            if i <= 25 and v != (products(30)[i - 1].price, products(30)[i - 1].stock)
        )
    )


@pytest.mark.parametrize("after_commit", [False, True], ids=["before-commit", "after-commit"])
@pytest.mark.parametrize("crash_at", [1, 2, 4])
def test_a_crash_at_any_chunk_still_changes_each_product_once(crash_at: int, after_commit: bool) -> None:
    state, clock = _world()
    expected = _expected(state.products, RAISE)
    crashing = CrashingUnitsOfWork(lambda: FakeBatchUnitOfWork(state), crash_at, after_commit=after_commit)
    job_id = _driver(state, clock, crashing).submit(BulkUpdateJobRequest(RAISE, 30).to_json())

    with pytest.raises(SimulatedCrash):
        _driver(state, clock, crashing).attempt(job_id)
    finished = _driver(state, clock).attempt(job_id)

    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    assert _values(state) == expected
