"""The `report` job: a report written chunk by chunk into an artifact, resumable byte for byte."""

from __future__ import annotations

from contextlib import closing
from datetime import timedelta
from functools import partial
from typing import TYPE_CHECKING

from spacetime_service.application.jobs.signals import JobCancelled
from spacetime_service.application.reports.chunks import ReportProgress, report_chunks
from spacetime_service.application.reports.encoding import columns_of, encoded_lines, gzip_member
from spacetime_service.application.reports.read_ahead import read_ahead
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.application.reports.rows import report_rows
from spacetime_service.domain.errors import InvalidInput, NotFound, Unavailable
from spacetime_service.domain.jobs.errors import LeaseLost

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.jobs.context import JobContext
    from spacetime_service.application.ports.artifact_storage import ArtifactStorage, ArtifactWriter
    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.domain.reports import DayRange

REPORT_KIND = "report"
DEFAULT_DAYS_PER_CHUNK = 31
# Chunk reads in flight while a chunk is written (read_ahead), one per core of the 2-core machine: a 5M
# PostgreSQL report went from 6.82 to 4.86 s beside `psql` at 5.91 s; on SQLite it stayed within the
# noise of a loaded machine (13.76 against 12.15 s, `sqlite3` 14.13 s). bench/daily_stats.py
DEFAULT_READS_AHEAD = 2


class ReportHandler:
    """Writes the report of `context.request` (a ReportRequest's JSON) as the artifact whose id is the
    job's id, and returns that id.

    Chunk by chunk (see reports.chunks) it reads the aggregates in a short transaction, appends their
    lines (with gzip: one member per chunk) to the attempt's temporary file, fsyncs it, and then
    commits the job record's checkpoint (the last finished day and the file's length) with its
    progress through `context.report`. A later attempt continues from `context.checkpoint` and the
    first `length` bytes, so the published file equals an uninterrupted run's: bytes written after
    the last committed checkpoint are cut off. It stops at chunk boundaries when cancelled (the
    temporary file is removed) or suspended (kept, to resume from)."""

    kind = REPORT_KIND

    def __init__(
        self,
        uow_factory: Callable[[], BatchUnitOfWork],
        storage: ArtifactStorage,
        clock: Clock,
        *,
        days_per_chunk: int = DEFAULT_DAYS_PER_CHUNK,
        reads_ahead: int = DEFAULT_READS_AHEAD,
    ) -> None:
        if days_per_chunk < 1:
            raise InvalidInput("a report chunk covers at least one day", field="days_per_chunk")
        self._uow_factory = uow_factory
        self._storage = storage
        self._clock = clock
        self._days_per_chunk = days_per_chunk
        self._reads_ahead = reads_ahead

    def run(self, context: JobContext) -> str:
        request = ReportRequest.from_json(context.request)
        artifact_id = context.job_id
        if self._storage.info(artifact_id) is not None:
            return artifact_id  # published by an attempt that died before it could finish the job
        progress = ReportProgress.from_checkpoint(context.checkpoint)
        writer, progress = self._writer(artifact_id, context.attempt, progress)
        days_per_chunk = self._days_per_chunk if progress is None else progress.days_per_chunk
        after = None if progress is None else progress.last_day
        chunks = report_chunks(request, days_per_chunk, after)
        try:
            with closing(read_ahead(chunks, partial(self._chunk_bytes, request), self._reads_ahead)) as read:
                for chunk, pieces in read:
                    context.raise_if_stopping()
                    written = 0
                    for piece in pieces:
                        writer.write(piece)
                        written += len(piece)
                    done = ReportProgress(days_per_chunk, chunk.end, writer.sync())
                    context.report(
                        _days_done(request, chunk),
                        request.days.days,
                        "days",
                        done.to_checkpoint(),
                        bytes_processed=written,
                    )
            writer.publish(
                filename=request.filename, content_type=request.content_type, created_at=self._clock.now()
            )
        except LeaseLost:
            writer.close()  # the attempt that took over resumes from the checkpointed prefix
            raise
        except Unavailable:
            writer.close()  # a transient fault: the retry resumes from the checkpointed prefix
            raise
        except (JobCancelled, Exception):
            writer.discard()  # cancelled or failed: nothing will resume
            raise
        except BaseException:
            writer.close()  # suspended, or the process is going down: the next attempt resumes
            raise
        return artifact_id

    def _writer(
        self, artifact_id: str, attempt: int, progress: ReportProgress | None
    ) -> tuple[ArtifactWriter, ReportProgress | None]:
        if progress is not None and progress.partial.artifact_id == artifact_id:
            try:
                return self._storage.begin(artifact_id, attempt, progress.partial), progress
            except NotFound:
                pass  # the partial file is gone: the report starts over
        return self._storage.begin(artifact_id, attempt), None

    def _chunk_bytes(self, request: ReportRequest, chunk: DayRange) -> list[bytes]:
        """The chunk's bytes, read and encoded in a unit of work of its own (in a thread when read
        ahead); a chunk is a few dozen lines at most."""
        with self._uow_factory() as uow:
            rows = report_rows(uow.order_statistics, request, chunk)
            header = chunk.start == request.days.start
            pieces = encoded_lines(rows, columns_of(request.kind), request.wire_format, header=header)
            return list(gzip_member(pieces) if request.gzip else pieces)


def _days_done(request: ReportRequest, chunk: DayRange) -> int:
    return (chunk.end - request.days.start + timedelta(days=1)).days
