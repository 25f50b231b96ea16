"""Contract: upserts by sku insert new skus, update known ones where a value differs, leave equal ones
alone, count each kind, and commit or roll back with the job's checkpoint."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from spacetime_service.domain.imports import ImportRecord
from spacetime_service.domain.jobs.progress import Progress
from tests.support import batch_datasets as datasets

if TYPE_CHECKING:
    from spacetime_service.domain.products import Product
    from tests.support.batch_harness import BatchHarness

NOW = datetime(2025, 6, 1, 8, 30, 15, 123456, tzinfo=UTC)


def _record(product: Product, **changes: object) -> ImportRecord:
    record = ImportRecord(
        product.sku, product.name, product.description, product.category, product.price, product.stock
    )
    return replace(record, **changes)  # type: ignore[arg-type]


def _new(index: int, **changes: object) -> ImportRecord:
    record = ImportRecord(f"NEW-{index:05d}", f"new {index}", "", "toys", Decimal("1.25"), index)
    return replace(record, **changes)  # type: ignore[arg-type]


def _by_sku(batch: BatchHarness) -> dict[str, Product]:
    return {product.sku: product for product in batch.products().values()}


def test_new_skus_are_inserted_known_ones_updated_and_equal_ones_left_alone(batch: BatchHarness) -> None:
    batch.load(datasets.products(10))
    before = _by_sku(batch)
    first, second, third = (batch.products()[i] for i in (1, 2, 7))
    records = [
        _record(first, price=Decimal("99.99")),
        _record(second),
        _new(1, name="=SUM(A1:A9)", description='quote " comma , line\nbreak'),
        _record(third, description="now described", stock=0),
        _new(2, name="Grüße 日本 🚀", category="books"),
    ]

    with batch.uow() as uow:
        counts = uow.product_upserts.upsert(records, NOW)
        uow.commit()

    assert (counts.inserted, counts.updated, counts.unchanged, counts.rows) == (2, 2, 1, 5)
    after = _by_sku(batch)
    assert len(after) == 12
    assert after[first.sku] == replace(first, price=Decimal("99.99"), updated_at=NOW)
    assert after[second.sku] == before[second.sku]
    assert after[third.sku] == replace(third, description="now described", stock=0, updated_at=NOW)
    for record in records[2::2]:
        stored = after[record.sku]
        assert _record(stored) == record
        assert stored.created_at == stored.updated_at == NOW
        assert stored.id > 10
    untouched = set(before) - {first.sku, third.sku}
    assert all(after[sku] == before[sku] for sku in untouched)


def test_every_value_is_written_and_read_back_exactly(batch: BatchHarness) -> None:
    records = [
        _new(1, price=Decimal("0.00"), stock=0),
        _new(2, price=Decimal("10000000.00"), stock=2**31 - 1),
        _new(3, sku="x" * 32, name="n" * 200, description="d" * 10_000),
    ]

    with batch.uow() as uow:
        uow.product_upserts.upsert(records, NOW)
        uow.commit()

    assert {_record(p) for p in batch.products().values()} == set(records)


def test_more_rows_than_one_statement_holds_are_all_written(batch: BatchHarness) -> None:
    batch.load(datasets.products(30))
    known = [_record(p, stock=p.stock + 1) for p in batch.products().values()]
    records = [_new(i) for i in range(1, 1201)] + known

    with batch.uow() as uow:
        counts = uow.product_upserts.upsert(records, NOW)
        uow.commit()

    assert (counts.inserted, counts.updated, counts.unchanged) == (1200, 30, 0)
    assert {_record(p) for p in batch.products().values()} == set(records)


def test_a_second_upsert_of_the_same_rows_changes_nothing(batch: BatchHarness) -> None:
    records = [_new(i) for i in range(1, 6)]
    with batch.uow() as uow:
        uow.product_upserts.upsert(records, NOW)
        uow.commit()
    stored = batch.products()

    with batch.uow() as uow:
        counts = uow.product_upserts.upsert(records, datetime(2026, 1, 1, tzinfo=UTC))
        uow.commit()

    assert (counts.inserted, counts.updated, counts.unchanged) == (0, 0, 5)
    assert batch.products() == stored


def test_without_a_commit_nothing_is_written(batch: BatchHarness) -> None:
    batch.load(datasets.products(5))
    before = batch.products()

    with batch.uow() as uow:
        uow.product_upserts.upsert([_new(1), _record(before[1], stock=77)], NOW)

    assert batch.products() == before


def test_the_chunk_and_its_checkpoint_commit_together(batch: BatchHarness) -> None:
    batch.load(datasets.products(5))
    job = batch.claimed_job()

    with batch.uow() as uow:
        uow.product_upserts.upsert([_new(1)], NOW)
        written = uow.jobs.record_progress(
            job.id, job.attempt, Progress(1, 3, "rows"), eta_seconds=None, checkpoint={"rows": 1}, now=NOW
        )
        assert written is not None
        uow.commit()

    assert "NEW-00001" in _by_sku(batch)
    assert batch.job(job.id).checkpoint == {"rows": 1}


def test_a_superseded_attempt_writes_neither_its_chunk_nor_its_checkpoint(batch: BatchHarness) -> None:
    batch.load(datasets.products(5))
    job = batch.claimed_job()
    batch.next_attempt(job.id)
    before = batch.products()

    with batch.uow() as uow:
        uow.product_upserts.upsert([_new(1)], NOW)
        written = uow.jobs.record_progress(
            job.id, job.attempt, Progress(1, 3, "rows"), eta_seconds=None, checkpoint={"rows": 1}, now=NOW
        )
        assert written is None  # the handler raises LeaseLost and leaves without a commit

    assert batch.products() == before
    assert batch.job(job.id).checkpoint is None
