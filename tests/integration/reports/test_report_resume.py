"""A report from a real database into real files, killed mid-way and resumed, is byte-identical to an
uninterrupted run, and leaves no temporary file behind."""

from __future__ import annotations

import gzip
from datetime import date
from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage
from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.reports.handler import REPORT_KIND, ReportHandler
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.reports import DayRange, ReportKind, SalesPeriod
from tests.fakes.jobs import FixedClock
from tests.support.job_driver import CrashingArtifacts, JobDriver, SimulatedCrash

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.application.ports.artifact_storage import ArtifactStorage
    from tests.support.batch_harness import SqlBatchHarness

DAYS = DayRange(date(2025, 2, 26), date(2025, 3, 8))
REQUESTS = [
    ReportRequest(ReportKind.DAILY_STATS, DAYS, WireFormat.CSV),
    ReportRequest(ReportKind.DAILY_STATS, DAYS, WireFormat.NDJSON),
    ReportRequest(ReportKind.DAILY_STATS, DAYS, WireFormat.CSV, gzip=True),
    ReportRequest(ReportKind.PRODUCT_SALES, DAYS, WireFormat.NDJSON, gzip=True, period=SalesPeriod.DAY),
]


def _driver(database: SqlBatchHarness, storage: ArtifactStorage, clock: FixedClock) -> JobDriver:
    handler = ReportHandler(
        lambda: SqlAlchemyBatchUnitOfWork(database.engine, 100), storage, clock, days_per_chunk=3
    )
    return JobDriver(database.jobs, clock, handler, REPORT_KIND)


def _report(
    database: SqlBatchHarness, request: ReportRequest, directory: Path, crash_at: int | None
) -> bytes:
    storage = FilesystemArtifactStorage(directory / "artifacts")
    clock = FixedClock()
    job_id = _driver(database, storage, clock).submit(request.to_json())
    if crash_at is not None:
        with pytest.raises(SimulatedCrash):
            _driver(database, CrashingArtifacts(storage, crash_at), clock).attempt(job_id)
        assert any(path.suffix == ".partial" for path in (directory / "artifacts").iterdir())
    finished = _driver(database, storage, clock).attempt(job_id)
    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    assert sorted(path.name for path in (directory / "artifacts").iterdir()) == [
        f"{job_id}.data",
        f"{job_id}.meta.json",
    ]
    with storage.open(job_id) as file:
        return file.read()


@pytest.mark.parametrize("crash_at", [1, 3])
@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: f"{r.kind}-{r.wire_format}-gzip={r.gzip}")
def test_a_resumed_report_is_byte_identical(
    database: SqlBatchHarness, request_: ReportRequest, crash_at: int, tmp_path: Path
) -> None:
    whole = _report(database, request_, tmp_path / "whole", None)
    resumed = _report(database, request_, tmp_path / "resumed", crash_at)

    assert resumed == whole
    text = (gzip.decompress(whole) if request_.gzip else whole).decode()
    assert len(text.splitlines()) > 5
