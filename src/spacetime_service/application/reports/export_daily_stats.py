"""Use case: the daily statistics of a range of days, streamed straight to the client."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.encoding.encoded_stream import EncodedStream
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.reports.encoding import DAILY_STATS_COLUMNS, encoded_lines
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.application.reports.rows import report_rows
from spacetime_service.domain.reports import DayRange, ReportKind

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from spacetime_service.application.ports.batch_unit_of_work import BatchUnitOfWork


@dataclass(frozen=True, slots=True)
class ExportDailyStatsCommand:
    days: DayRange
    wire_format: WireFormat = WireFormat.CSV


class ExportDailyStats:
    """The `daily_stats` report of a range of days (at most 3660), one line per day (days without
    orders as zeros), as chunks of CSV (with a header) or NDJSON: the same lines as the report job
    writes, without a job or an artifact. The database aggregates, so memory holds at most one line
    per day of the range; the transaction ends when the stream is exhausted or closed."""

    def __init__(self, uow_factory: Callable[[], BatchUnitOfWork]) -> None:
        self._uow_factory = uow_factory

    def execute(self, command: ExportDailyStatsCommand) -> EncodedStream:
        request = ReportRequest(ReportKind.DAILY_STATS, command.days, command.wire_format)
        return EncodedStream(
            media_type=command.wire_format.media_type,
            filename=request.filename,
            chunks=self._chunks(request),
        )

    def _chunks(self, request: ReportRequest) -> Iterator[bytes]:
        with self._uow_factory() as uow:
            rows = report_rows(uow.order_statistics, request, request.days)
            yield from encoded_lines(rows, DAILY_STATS_COLUMNS, request.wire_format, header=True)
