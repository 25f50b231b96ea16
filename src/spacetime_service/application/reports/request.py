"""What a report job is asked for, and its JSON form in the job's request:

    {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-31",
     "format": "csv", "gzip": false, "period": "day"}

`period` (day or month) applies to `product_sales` only. Dates are UTC days, both ends included.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from spacetime_service.application.encoding.media_types import GZIP_MEDIA_TYPE
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.reports import DayRange, ReportKind, SalesPeriod

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacetime_service.domain.jobs.json_value import JsonObject, JsonValue

Choice = TypeVar("Choice", ReportKind, WireFormat, SalesPeriod)


@dataclass(frozen=True, slots=True)
class ReportRequest:
    kind: ReportKind
    days: DayRange
    wire_format: WireFormat = WireFormat.CSV
    gzip: bool = False
    period: SalesPeriod = SalesPeriod.DAY

    @property
    def filename(self) -> str:
        """`daily_stats_2025-01-01_2025-01-31.csv`, with `.gz` when compressed."""
        name = f"{self.kind.value}_{self.days.start}_{self.days.end}.{self.wire_format.value}"
        return name + ".gz" if self.gzip else name

    @property
    def content_type(self) -> str:
        return GZIP_MEDIA_TYPE if self.gzip else self.wire_format.media_type

    def to_json(self) -> JsonObject:
        return {
            "kind": self.kind.value,
            "start_date": self.days.start.isoformat(),
            "end_date": self.days.end.isoformat(),
            "format": self.wire_format.value,
            "gzip": self.gzip,
            "period": self.period.value,
        }

    @classmethod
    def from_json(cls, document: Mapping[str, JsonValue]) -> ReportRequest:
        """The request a JSON document describes, or InvalidInput naming the faulty field."""
        gzip = document.get("gzip", False)
        if not isinstance(gzip, bool):
            raise InvalidInput("gzip must be true or false", field="gzip")
        return cls(
            kind=_choice(ReportKind, document.get("kind"), "kind"),
            days=DayRange(
                _day(document.get("start_date"), "start_date"), _day(document.get("end_date"), "end_date")
            ),
            wire_format=_choice(WireFormat, document.get("format", "csv"), "format"),
            gzip=gzip,
            period=_choice(SalesPeriod, document.get("period", "day"), "period"),
        )


def _day(value: JsonValue, field: str) -> date:
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be a date such as 2025-01-31", field=field)
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise InvalidInput(f"{field} must be a date such as 2025-01-31", field=field) from error


def _choice(kind: type[Choice], value: JsonValue, field: str) -> Choice:
    allowed = [member.value for member in kind]
    if value not in allowed:
        raise InvalidInput(f"{field} is one of {', '.join(allowed)}", field=field)
    return kind(value)
