"""How a report is cut into chunks of days, and the checkpoint that says how far it got.

The cut depends only on the request and `days_per_chunk`, which the first attempt stores in its
checkpoint; so every attempt cuts the same way, and (with gzip, one member per chunk) writes the same
bytes. Product sales per month are cut at month boundaries, so that no month is split in two lines.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from spacetime_service.application.ports.artifact_storage import PartialArtifact
from spacetime_service.domain.reports import DayRange, ReportKind, SalesPeriod

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.reports.request import ReportRequest
    from spacetime_service.domain.jobs.json_value import JsonObject


def report_chunks(
    request: ReportRequest, days_per_chunk: int, after: date | None = None
) -> Iterator[DayRange]:
    """The chunks of the request's range in order, leaving out those that end on or before `after`."""
    days = request.days
    start = days.start
    by_month = request.kind is ReportKind.PRODUCT_SALES and request.period is SalesPeriod.MONTH
    while start <= days.end:
        end = _month_end(start) if by_month else start + timedelta(days=days_per_chunk - 1)
        chunk = DayRange(start, min(end, days.end))
        if after is None or chunk.end > after:
            yield chunk
        start = chunk.end + timedelta(days=1)


def _month_end(day: date) -> date:
    first_of_next = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return first_of_next - timedelta(days=1)


@dataclass(frozen=True, slots=True)
class ReportProgress:
    """The report is written up to and including `last_day`; the bytes are in `partial`."""

    days_per_chunk: int
    last_day: date
    partial: PartialArtifact

    def to_checkpoint(self) -> JsonObject:
        return {
            "days_per_chunk": self.days_per_chunk,
            "last_day": self.last_day.isoformat(),
            "artifact_id": self.partial.artifact_id,
            "attempt": self.partial.attempt,
            "length": self.partial.length,
        }

    @classmethod
    def from_checkpoint(cls, checkpoint: JsonObject | None) -> ReportProgress | None:
        """None for no checkpoint, or one this code did not write (the report then starts over)."""
        if checkpoint is None:
            return None
        try:
            days_per_chunk, attempt, length = (
                checkpoint[key] for key in ("days_per_chunk", "attempt", "length")
            )
            artifact_id, last_day = checkpoint["artifact_id"], checkpoint["last_day"]
            if not all(isinstance(n, int) and n >= 0 for n in (days_per_chunk, attempt, length)):
                return None
            if not isinstance(artifact_id, str) or not isinstance(last_day, str):
                return None
            assert isinstance(days_per_chunk, int)
            assert isinstance(attempt, int)
            assert isinstance(length, int)
            partial = PartialArtifact(artifact_id, attempt, length)
            return cls(days_per_chunk, date.fromisoformat(last_day), partial)
        except (KeyError, ValueError):
            return None
