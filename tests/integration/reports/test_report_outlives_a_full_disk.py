"""A report whose disk fills up mid-chunk (half a piece written, then ENOSPC) is retried by the same
attempt from its checkpoint: the partial file is cut back to what the checkpoint covers, and the
finished report is byte-identical to an uninterrupted one."""

from __future__ import annotations

import errno
import uuid
from datetime import date
from typing import TYPE_CHECKING

from spacetime_service.adapters.disk_faults import translated_disk_errors
from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage
from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.retry_policy import RetryPolicy
from spacetime_service.application.reports.handler import REPORT_KIND, ReportHandler
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.domain.jobs.job import Job, NewJob
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.reports import DayRange, ReportKind
from tests.fakes.jobs import FixedClock
from tests.support.forwarding_artifacts import ForwardingArtifacts, ForwardingWriter

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.application.ports.artifact_storage import (
        ArtifactStorage,
        ArtifactWriter,
    )
    from tests.support.batch_harness import SqlBatchHarness

REQUEST = ReportRequest(ReportKind.DAILY_STATS, DayRange(date(2025, 2, 26), date(2025, 3, 8)), WireFormat.CSV)
NO_WAIT = RetryPolicy(max_retries=3, first_delay_seconds=0, max_delay_seconds=0)


class FillingDisk(ForwardingArtifacts):
    """An ArtifactStorage whose `full_at`-th write (over all writers) stores half its bytes and then
    finds the disk full, once."""

    def __init__(self, storage: ArtifactStorage, full_at: int) -> None:
        super().__init__(storage)
        self._full_at = full_at
        self.writes = 0

    def wrap(self, writer: ArtifactWriter) -> ArtifactWriter:
        return _FillingWriter(self, writer)


class _FillingWriter(ForwardingWriter):
    def __init__(self, owner: FillingDisk, inner: ArtifactWriter) -> None:
        super().__init__(inner)
        self._owner = owner

    def write(self, data: bytes) -> None:
        self._owner.writes += 1
        if self._owner.writes == self._owner._full_at:
            self._inner.write(data[: len(data) // 2])
            self._inner.sync()
            with translated_disk_errors():
                raise OSError(errno.ENOSPC, "No space left on device")
        self._inner.write(data)


def _report(database: SqlBatchHarness, directory: Path, storage: ArtifactStorage) -> tuple[Job, bytes]:
    files = FilesystemArtifactStorage(directory)
    clock = FixedClock()
    handler = ReportHandler(
        lambda: SqlAlchemyBatchUnitOfWork(database.engine, 100), storage, clock, days_per_chunk=3
    )
    executor = JobExecutor(database.jobs, {REPORT_KIND: handler}, clock, retry_policy=NO_WAIT)
    new = NewJob(str(uuid.uuid4()), REPORT_KIND, "alice", None, REQUEST.to_json(), clock.now())
    claimed = database.jobs.claim("worker", clock.now(), 60, job_id=database.jobs.create(new).job.id)
    assert claimed is not None
    finished = executor.run(claimed, AttemptControl(claimed.id, claimed.attempt))
    assert finished is not None
    with files.open(claimed.id) as file:
        return finished, file.read()


def test_a_report_outlives_a_full_disk_and_is_byte_identical(
    database: SqlBatchHarness, tmp_path: Path
) -> None:
    _, whole = _report(database, tmp_path / "whole", FilesystemArtifactStorage(tmp_path / "whole"))
    filling = FillingDisk(FilesystemArtifactStorage(tmp_path / "full"), full_at=3)  # in the third chunk
    finished, resumed = _report(database, tmp_path / "full", filling)

    assert (finished.status, finished.attempt, finished.retries) == (JobStatus.SUCCEEDED, 1, 1)
    assert finished.retry_error is not None
    assert "ENOSPC" in finished.retry_error
    assert resumed == whole
    assert filling.writes == 5  # four chunks and the one the disk cut short: the retry resumed at it
    assert sorted(path.suffix for path in (tmp_path / "full").iterdir()) == [".data", ".json"]
