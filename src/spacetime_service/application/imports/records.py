"""The valid records of an upload, in order, each with its line; the first fault stops the stream."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.imports.csv_rows import csv_rows
from spacetime_service.application.imports.lines import numbered_lines
from spacetime_service.application.imports.ndjson_rows import ndjson_rows
from spacetime_service.domain.errors import TooLarge
from spacetime_service.domain.imports import ImportRecord, import_record

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacetime_service.application.imports.limits import ImportLimits


def upload_records(
    chunks: Iterable[bytes], wire_format: WireFormat, limits: ImportLimits
) -> Iterator[tuple[int, ImportRecord]]:
    """Parses and checks the upload line by line (one row in memory at a time): InvalidRow names the
    line and field of the first bad row, TooLarge stops an upload past its limits."""
    lines = numbered_lines(chunks, limits)
    rows = csv_rows(lines) if wire_format is WireFormat.CSV else ndjson_rows(lines)
    for count, (line, values) in enumerate(rows, start=1):
        if count > limits.max_rows:
            raise TooLarge(f"an upload holds at most {limits.max_rows} products")
        yield line, import_record(values, line)
