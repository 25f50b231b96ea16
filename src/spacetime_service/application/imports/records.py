"""The valid records of an upload, in order, each with its line; the first fault stops the stream."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.imports.csv_batches import StagedBlock, staged_csv_blocks
from spacetime_service.application.imports.csv_rows import csv_rows
from spacetime_service.application.imports.duplicates import sku_key
from spacetime_service.application.imports.lines import numbered_lines, upload_lines
from spacetime_service.application.imports.ndjson_rows import ndjson_rows
from spacetime_service.application.imports.staged_lines import staged_line
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
    if wire_format is WireFormat.CSV:
        rows = csv_rows(upload_lines(chunks, limits))
    else:
        rows = ndjson_rows(numbered_lines(chunks, limits))
    for count, (line, values) in enumerate(rows, start=1):
        if count > limits.max_rows:
            raise TooLarge(f"an upload holds at most {limits.max_rows} products")
        yield line, import_record(values, line)


def staged_upload(
    chunks: Iterable[bytes], wire_format: WireFormat, limits: ImportLimits
) -> Iterator[StagedBlock]:
    """The staged lines of the upload's valid records, a block of them at a time with how many rows
    each holds, faults as `upload_records` raises them: a CSV upload is checked a batch of rows at a
    time (csv_batches), an NDJSON one row by row."""
    if wire_format is WireFormat.CSV:
        return staged_csv_blocks(upload_lines(chunks, limits), limits.max_rows)
    return (
        (staged_line(line, record), 1, [sku_key(record.sku, line)])
        for line, record in upload_records(chunks, wire_format, limits)
    )
