"""What an encoded stream must look like, decided by the use case and honoured by every adapter."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from spacetime_service.application.encoding.media_types import CSV_UTF8_MEDIA_TYPE, NDJSON_MEDIA_TYPE
from spacetime_service.domain.errors import InvalidInput

DEFAULT_CHUNK_BYTES = 64 * 1024


class WireFormat(StrEnum):
    """CSV is RFC 4180 quoting with LF line ends (as PostgreSQL COPY writes), a header row, and
    formula-safe cells. NDJSON is one compact JSON object per line, keys in column order, LF ends."""

    CSV = "csv"
    NDJSON = "ndjson"

    @property
    def media_type(self) -> str:
        return CSV_UTF8_MEDIA_TYPE if self is WireFormat.CSV else NDJSON_MEDIA_TYPE


@dataclass(frozen=True, slots=True)
class TableEncoding:
    """The columns to write, in order, out of the entity's wire columns; chunks of about `chunk_bytes`."""

    format: WireFormat
    columns: tuple[str, ...]
    chunk_bytes: int = DEFAULT_CHUNK_BYTES

    @classmethod
    def choose(
        cls, wire_format: WireFormat, requested: tuple[str, ...], allowed: tuple[str, ...]
    ) -> TableEncoding:
        """Columns a client asked for, checked against the allow-list; all of them when none asked."""
        unknown = [column for column in requested if column not in allowed]
        if unknown:
            raise InvalidInput(
                f"unknown column(s) {', '.join(unknown)}; allowed: {', '.join(allowed)}", field="columns"
            )
        if len(set(requested)) != len(requested):
            raise InvalidInput("a column is named twice", field="columns")
        return cls(wire_format, requested or allowed)
