"""Imports through the use case and the job engine, on fakes: nothing is written for a bad upload, a
good one becomes a job, repeats are idempotent, and every row is applied exactly once across crashes
and cancels."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.imports.handler import PRODUCT_IMPORT_KIND
from spacetime_service.application.imports.import_products import ImportProductsCommand
from spacetime_service.application.imports.job_request import ProductImportJobRequest
from spacetime_service.application.imports.limits import ImportLimits
from spacetime_service.domain.errors import Conflict, TooLarge
from spacetime_service.domain.imports import InvalidRow
from spacetime_service.domain.jobs.listing import JobQuery
from spacetime_service.domain.jobs.status import JobStatus
from tests.fakes.batch_unit_of_work import FakeBatchUnitOfWork
from tests.support.job_driver import CrashingUnitsOfWork, SimulatedCrash
from tests.support.jobs.builders import new_job
from tests.unit.imports.world import ImportWorld, csv_upload

if TYPE_CHECKING:
    from pathlib import Path

# Rows 1..10 update the catalog's products SKU-0001.. (=SKU,7 among them), the rest are new.
ROWS = [
    (f"SKU-{i:04d}" if i % 7 else f'"=SKU,{i}"', f"imported {i}", "home", f"{i}.{i % 100:02d}", i)
    for i in range(1, 31)
]


@pytest.fixture
def world(tmp_path: Path) -> ImportWorld:
    return ImportWorld(tmp_path)


def _expected_values() -> dict[str, tuple[str, str, Decimal, int]]:
    return {
        sku.strip('"'): (name, category, Decimal(price_text), stock)
        for sku, name, category, price_text, stock in ROWS
    }


def _values(world: ImportWorld) -> dict[str, tuple[str, str, Decimal, int]]:
    return {sku: (p.name, p.category, p.price, p.stock) for sku, p in world.by_sku().items()}


def test_a_valid_upload_is_staged_and_submitted_as_a_job(world: ImportWorld) -> None:
    result = world.upload(csv_upload(ROWS))

    request = ProductImportJobRequest.from_json(result.job.request)
    assert (result.created, result.rows, request.rows, request.format) == (True, 30, 30, "csv")
    assert result.job.kind == "product_import"
    assert world.runner.submitted == [result.job.id]
    content = world.staging.open(request.upload_id).read()
    assert content.count(b"\n") == 30
    assert json.loads(content.splitlines()[6]) == {
        "line": 8, "sku": "=SKU,7", "name": "imported 7", "description": "",
        "category": "home", "price": "7.07", "stock": 7,
    }  # fmt: skip
    assert len(world.state.products) == 10


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        (csv_upload([*ROWS[:5], ("X-1", "bad", "weapons", "1.00", 1), *ROWS[5:]]), 7, "category"),
        (csv_upload([*ROWS, ("SKU-0003", "again", "home", "1.00", 1)]), 32, "sku"),
        (csv_upload([*ROWS[:3], ROWS[19], *ROWS[3:]]), 22, "sku"),
    ],
    ids=["bad-value", "repeated-sku", "repeated-sku-earliest"],
)
def test_a_bad_upload_writes_nothing_and_keeps_no_file(
    world: ImportWorld, body: bytes, line: int, field: str
) -> None:
    before = dict(world.state.products)

    with pytest.raises(InvalidRow) as caught:
        world.upload(body)

    assert (caught.value.line, caught.value.field) == (line, field)
    assert world.staged_files() == 0
    assert world.state.jobs.page(JobQuery()).items == []
    assert world.runner.submitted == []
    assert world.state.products == before


def test_a_repeated_sku_names_the_line_it_repeats(world: ImportWorld) -> None:
    with pytest.raises(InvalidRow) as caught:
        world.upload(csv_upload([*ROWS[:3], ROWS[19], *ROWS[3:]]))

    assert caught.value.detail == "line 22: sku 'SKU-0020' is already on line 5; each sku may appear once"


def test_a_declared_length_past_the_limit_is_refused_before_reading(world: ImportWorld) -> None:
    def unread() -> bytes:
        raise AssertionError("the body was read")

    limits = ImportLimits(max_body_bytes=100)
    command = ImportProductsCommand("alice", iter(unread, None), WireFormat.CSV, declared_bytes=101)

    with pytest.raises(TooLarge):
        world.use_case(limits).execute(command)


def test_a_repeated_key_with_the_same_rows_returns_the_first_job(world: ImportWorld) -> None:
    first = world.upload(csv_upload(ROWS), key="k1")

    again = world.upload(csv_upload(ROWS), key="k1")

    assert (again.job.id, again.created) == (first.job.id, False)
    assert world.staged_files() == 1
    with pytest.raises(Conflict):
        world.upload(csv_upload(ROWS[:-1]), key="k1")
    assert world.staged_files() == 1


def test_a_retry_finds_its_job_behind_more_than_a_thousand_later_jobs(world: ImportWorld) -> None:
    first = world.upload(csv_upload(ROWS), key="k1")
    for second in range(1, 1002):
        world.state.jobs.create(new_job(second, kind=PRODUCT_IMPORT_KIND, owner="alice"))

    again = world.upload(csv_upload(ROWS), key="k1")

    assert (again.job.id, again.created) == (first.job.id, False)


def test_the_job_upserts_every_row_and_reports_its_counts(world: ImportWorld) -> None:
    job_id = world.upload(csv_upload(ROWS)).job.id
    driver = world.driver()

    finished = driver.attempt(job_id)

    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    assert json.loads(finished.result_ref or "") == {"inserted": 20, "updated": 10, "unchanged": 0}
    assert (finished.progress.done, finished.progress.total, finished.progress.unit) == (30, 30, "rows")
    assert _values(world) == _expected_values()
    new = world.by_sku()["SKU-0030"]
    assert new.created_at == new.updated_at == world.clock.now()
    assert world.staged_files() == 0


def test_an_ndjson_upload_imports_the_same_rows(world: ImportWorld) -> None:
    lines = [
        json.dumps({"sku": s.strip('"'), "name": n, "category": c, "price": p, "stock": k})
        for s, n, c, p, k in ROWS
    ]
    job_id = world.upload("\n".join(lines).encode(), WireFormat.NDJSON).job.id

    finished = world.driver().attempt(job_id)

    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    assert _values(world) == _expected_values()


@pytest.mark.parametrize("after_commit", [False, True], ids=["before-commit", "after-commit"])
@pytest.mark.parametrize("crash_at", [1, 3, 8])
def test_a_crash_at_any_chunk_still_applies_each_row_once(
    world: ImportWorld, crash_at: int, after_commit: bool
) -> None:
    job_id = world.upload(csv_upload(ROWS)).job.id
    crashing = CrashingUnitsOfWork(world.units, crash_at, after_commit=after_commit)

    with pytest.raises(SimulatedCrash):
        world.driver(crashing).attempt(job_id)
    finished = world.driver().attempt(job_id)

    assert finished is not None
    assert (finished.status, finished.attempt) == (JobStatus.SUCCEEDED, 2)
    assert json.loads(finished.result_ref or "") == {"inserted": 20, "updated": 10, "unchanged": 0}
    assert _values(world) == _expected_values()
    assert len(world.state.products) == 30
    assert world.staged_files() == 0


def test_a_crash_after_the_last_chunk_finishes_without_the_file(world: ImportWorld) -> None:
    job_id = world.upload(csv_upload(ROWS)).job.id
    crashing = CrashingUnitsOfWork(world.units, 8, after_commit=True)  # 30 rows in chunks of 4
    with pytest.raises(SimulatedCrash):
        world.driver(crashing).attempt(job_id)
    world.staging.published.clear()

    finished = world.driver().attempt(job_id)

    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    assert json.loads(finished.result_ref or "") == {"inserted": 20, "updated": 10, "unchanged": 0}


class _CancelAfterCommit(FakeBatchUnitOfWork):
    """Asks to cancel the job right after its chunk committed, as a client would meanwhile."""

    job_id = ""

    def commit(self) -> None:
        super().commit()
        self._state.jobs.request_cancel(self.job_id, self._state.jobs.get(self.job_id).updated_at)  # type: ignore[union-attr]


def test_a_cancel_stops_the_job_between_chunks_and_removes_the_file(world: ImportWorld) -> None:
    job_id = world.upload(csv_upload(ROWS)).job.id
    _CancelAfterCommit.job_id = job_id

    finished = world.driver(lambda: _CancelAfterCommit(world.state)).attempt(job_id)

    assert finished is not None
    assert finished.status is JobStatus.CANCELLED
    assert finished.progress.done == 8  # the chunk in which the cancel was seen still committed
    names = {sku: product.name for sku, product in world.by_sku().items()}
    assert (names["SKU-0008"], names["SKU-0009"]) == ("imported 8", "product 9")
    assert world.staged_files() == 0
