"""Contract: bulk updates change exactly the targeted products whose values differ, in id ranges,
with the domain's rounding, in one transaction with the job's checkpoint and progress."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from spacetime_service.domain.bulk_updates import (
    MAX_FACTOR,
    AddStock,
    BulkOperation,
    BulkUpdate,
    BulkUpdateFilter,
    MultiplyPrice,
    Rounding,
    SetCategory,
    SetPrice,
)
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.money import MAX_MONEY
from tests.support import batch_datasets as datasets
from tests.support.jobs.builders import at

if TYPE_CHECKING:
    from spacetime_service.domain.products import Product
    from tests.support.batch_harness import BatchHarness

NOW = datetime(2025, 6, 1, 8, 30, tzinfo=UTC)
ALL = BulkUpdateFilter(min_id=1)
OPERATIONS: list[BulkOperation] = [
    SetPrice(Decimal("0.25")),
    MultiplyPrice(Decimal("1.5"), Rounding.HALF_EVEN),
    MultiplyPrice(Decimal("1.1"), Rounding.HALF_UP),
    MultiplyPrice(Decimal("0.5"), Rounding.HALF_EVEN),
    MultiplyPrice(Decimal("0.5"), Rounding.HALF_UP),
    MultiplyPrice(Decimal("0.5"), Rounding.DOWN),
    MultiplyPrice(Decimal("999.999999"), Rounding.DOWN),
    AddStock(-3),
    AddStock(1_000_000),
    SetCategory("toys"),
]
FILTERS = [
    BulkUpdateFilter(category="books"),
    BulkUpdateFilter(min_price=Decimal("0.25"), max_price=Decimal("19.99")),
    BulkUpdateFilter(ids=(3, 5, 8, 29, 999)),
    BulkUpdateFilter(min_id=4, max_id=17),
    BulkUpdateFilter(min_stock=1, max_stock=10),
]


def _expected(batch: BatchHarness, bulk: BulkUpdate, after_id: int, upto_id: int) -> dict[int, Product]:
    before = batch.products()
    for product_id, product in before.items():
        changed = bulk.changed(product, NOW) if after_id < product_id <= upto_id else None
        before[product_id] = changed or product
    return dict(before)


@pytest.mark.parametrize("operation", OPERATIONS, ids=repr)
def test_an_update_changes_what_the_domain_rule_changes(
    batch: BatchHarness, operation: BulkOperation
) -> None:
    batch.load(datasets.products())
    bulk = BulkUpdate(ALL, operation)
    expected = _expected(batch, bulk, 0, 30)

    with batch.uow() as uow:
        counted = uow.product_updates.count_changes(bulk, 30)
        changed = uow.product_updates.apply(bulk, 0, 30, NOW)
        uow.commit()

    assert batch.products() == expected
    assert changed == counted == sum(1 for p in expected.values() if p.updated_at == NOW)
    assert changed > 0


@pytest.mark.parametrize("target", FILTERS, ids=repr)
def test_only_products_that_match_the_filter_within_the_range_change(
    batch: BatchHarness, target: BulkUpdateFilter
) -> None:
    batch.load(datasets.products())
    bulk = BulkUpdate(target, AddStock(5))
    expected = _expected(batch, bulk, 3, 20)

    with batch.uow() as uow:
        uow.product_updates.apply(bulk, 3, 20, NOW)
        uow.commit()

    assert batch.products() == expected


def test_chunk_ends_walk_the_products_that_would_change_in_id_order(batch: BatchHarness) -> None:
    batch.load(datasets.products())
    bulk = BulkUpdate(BulkUpdateFilter(category="toys"), SetPrice(Decimal("0.05")))
    would_change = sorted(
        product_id
        for product_id, product in batch.products().items()
        if bulk.changed(product, NOW) is not None
    )

    with batch.uow() as uow:
        first = uow.product_updates.next_chunk_end(bulk, 0, 30, 3)
        rest = uow.product_updates.next_chunk_end(bulk, would_change[2], would_change[5], 100)
        none_left = uow.product_updates.next_chunk_end(bulk, would_change[-1], 30, 3)
        max_id = uow.product_updates.max_id()

    assert first is not None
    assert (first.last_id, first.rows) == (would_change[2], 3)
    assert rest is not None
    assert (rest.last_id, rest.rows) == (would_change[5], 3)
    assert none_left is None
    assert max_id == 30


def test_an_empty_catalog_has_max_id_zero(batch: BatchHarness) -> None:
    with batch.uow() as uow:
        assert uow.product_updates.max_id() == 0


def test_a_chunk_and_its_progress_commit_together(batch: BatchHarness) -> None:
    batch.load(datasets.products())
    job = batch.claimed_job()
    bulk = BulkUpdate(ALL, AddStock(1))

    with batch.uow() as uow:
        uow.product_updates.apply(bulk, 0, 10, NOW)
        written = uow.jobs.record_progress(
            job.id,
            job.attempt,
            Progress(10, 30, "rows"),
            eta_seconds=None,
            checkpoint={"last_id": 10},
            now=at(10**6),
        )
        uow.commit()

    stored = batch.job(job.id)
    assert written is not None
    assert (stored.checkpoint, stored.progress.done) == ({"last_id": 10}, 10)
    assert [p.stock for p in batch.products().values()][:10] == [p.stock + 1 for p in datasets.products()][
        :10
    ]


def test_a_chunk_left_without_commit_leaves_neither_products_nor_progress(batch: BatchHarness) -> None:
    batch.load(datasets.products())
    job = batch.claimed_job()
    before = batch.products()

    with batch.uow() as uow:
        uow.product_updates.apply(BulkUpdate(ALL, AddStock(1)), 0, 30, NOW)
        uow.jobs.record_progress(
            job.id,
            job.attempt,
            Progress(30, 30, "rows"),
            eta_seconds=None,
            checkpoint={"last_id": 30},
            now=at(10**6),
        )

    assert batch.products() == before
    assert batch.job(job.id).checkpoint is None


def test_a_superseded_attempt_cannot_record_progress_in_its_chunk(batch: BatchHarness) -> None:
    batch.load(datasets.products())
    job = batch.claimed_job()
    batch.next_attempt(job.id)

    with batch.uow() as uow:
        written = uow.jobs.record_progress(
            job.id,
            job.attempt,
            Progress(1, 30, "rows"),
            eta_seconds=None,
            checkpoint={"last_id": 1},
            now=at(10**6),
        )

    assert written is None
    assert batch.job(job.id).checkpoint is None


@pytest.mark.parametrize("rounding", list(Rounding), ids=str)
def test_a_multiplied_price_is_capped_at_the_largest_amount_without_overflow(
    batch: BatchHarness, rounding: Rounding
) -> None:
    top = [replace(product, price=MAX_MONEY - index) for index, product in enumerate(datasets.products(3))]
    batch.load(top)
    bulk = BulkUpdate(ALL, MultiplyPrice(MAX_FACTOR, rounding))

    with batch.uow() as uow:
        changed = uow.product_updates.apply(bulk, 0, 3, NOW)
        uow.commit()

    assert changed == 2  # the first product already holds the largest amount
    assert {product.price for product in batch.products().values()} == {MAX_MONEY}
