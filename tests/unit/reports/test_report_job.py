"""Reports through the use cases and the job engine, on fakes: the lines, the artifact, and resumes
that give the same bytes as an uninterrupted run."""

from __future__ import annotations

import gzip
from datetime import date
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.jobs.submit_job import SubmitJob
from spacetime_service.application.reports.export_daily_stats import (
    ExportDailyStats,
    ExportDailyStatsCommand,
)
from spacetime_service.application.reports.generate_report import GenerateReport, GenerateReportCommand
from spacetime_service.application.reports.handler import REPORT_KIND, ReportHandler
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.reports import DayRange, ReportKind, SalesPeriod
from tests.fakes.artifacts import FakeArtifactStorage
from tests.fakes.batch_unit_of_work import BatchState, FakeBatchUnitOfWork
from tests.fakes.jobs import FixedClock, RecordingJobRunner, SequentialIds
from tests.support import batch_datasets as datasets
from tests.support.job_driver import CrashingArtifacts, JobDriver, SimulatedCrash

if TYPE_CHECKING:
    from pathlib import Path

WEEK = DayRange(date(2025, 2, 27), date(2025, 3, 7))
REQUESTS = [
    ReportRequest(ReportKind.DAILY_STATS, WEEK, WireFormat.CSV),
    ReportRequest(ReportKind.DAILY_STATS, WEEK, WireFormat.NDJSON),
    ReportRequest(ReportKind.DAILY_STATS, WEEK, WireFormat.CSV, gzip=True),
    ReportRequest(ReportKind.PRODUCT_SALES, WEEK, WireFormat.CSV, gzip=True),
    ReportRequest(
        ReportKind.PRODUCT_SALES, DayRange(date(2025, 1, 15), date(2025, 3, 31)), period=SalesPeriod.MONTH
    ),
]


def _state() -> BatchState:
    return BatchState(products={p.id: p for p in datasets.products()}, orders=datasets.orders())


def _run(
    storage: FakeArtifactStorage | CrashingArtifacts,
    state: BatchState,
    clock: FixedClock,
) -> JobDriver:
    handler = ReportHandler(lambda: FakeBatchUnitOfWork(state), storage, clock, days_per_chunk=2)
    return JobDriver(state.jobs, clock, handler, REPORT_KIND)


def _uninterrupted(request: ReportRequest, tmp_path: Path) -> bytes:
    storage, state = FakeArtifactStorage(tmp_path), _state()
    driver = _run(storage, state, FixedClock())
    job_id = driver.submit(request.to_json())
    finished = driver.attempt(job_id)
    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    assert finished.result_ref == job_id
    with storage.open(job_id) as file:
        return file.read()


def test_a_daily_stats_report_has_a_line_per_day(tmp_path: Path) -> None:
    content = _uninterrupted(REQUESTS[0], tmp_path).decode()

    lines = content.splitlines()
    assert lines[0] == "date,orders,revenue,unique_customers,returned_orders"
    assert lines[1] == "2025-02-27,0,0.00,0,0"
    assert len(lines) == 1 + WEEK.days
    assert lines[3].startswith("2025-03-01,14,")


def test_formula_like_skus_are_neutralised_in_product_sales(tmp_path: Path) -> None:
    content = gzip.decompress(_uninterrupted(REQUESTS[3], tmp_path)).decode()

    assert "\"'=SKU," in content
    assert "\n=" not in content
    assert ",=" not in content


@pytest.mark.parametrize("crash_at", [1, 2, 3])
@pytest.mark.parametrize("request_", REQUESTS, ids=lambda r: f"{r.kind}-{r.wire_format}-{r.gzip}-{r.period}")
def test_a_resumed_report_equals_an_uninterrupted_one(
    request_: ReportRequest, crash_at: int, tmp_path: Path
) -> None:
    expected = _uninterrupted(request_, tmp_path / "whole")
    storage, state, clock = FakeArtifactStorage(tmp_path / "resumed"), _state(), FixedClock()
    job_id = _run(storage, state, clock).submit(request_.to_json())

    with pytest.raises(SimulatedCrash):
        _run(CrashingArtifacts(storage, crash_at), state, clock).attempt(job_id)
    assert storage.partials  # the crash left a partial file behind, longer than its checkpoint says
    finished = _run(storage, state, clock).attempt(job_id)

    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    with storage.open(job_id) as file:
        assert file.read() == expected
    assert storage.partials == {}


def test_generate_report_submits_a_report_job() -> None:
    state, clock = _state(), FixedClock()
    runner = RecordingJobRunner()
    submit = SubmitJob(state.jobs, runner, clock, SequentialIds(), kinds={REPORT_KIND})

    result = GenerateReport(submit).execute(GenerateReportCommand("alice", REQUESTS[2], "key-1"))

    assert (result.job.kind, runner.submitted) == (REPORT_KIND, [result.job.id])
    assert ReportRequest.from_json(result.job.request) == REQUESTS[2]


def test_export_daily_stats_streams_the_report_lines(tmp_path: Path) -> None:
    state = _state()
    stream = ExportDailyStats(lambda: FakeBatchUnitOfWork(state)).execute(ExportDailyStatsCommand(WEEK))

    assert b"".join(stream.chunks) == _uninterrupted(REQUESTS[0], tmp_path)
    assert (stream.media_type, stream.filename) == (
        "text/csv; charset=utf-8",
        "daily_stats_2025-02-27_2025-03-07.csv",
    )
