"""The reference encoder: the exact bytes every encoded stream must equal, built row by row in Python.

Adapters that push formatting into the database are held to these bytes by the contract tests; fakes
and adapters without a faster path use this encoder directly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping

import orjson

from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.wire import WireValue

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(cell: str) -> str:
    """Prefixes a quote so that a spreadsheet shows the text instead of evaluating it."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def csv_cell(value: WireValue) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise_formula(value)
    return str(value)


def encode_rows(rows: Iterable[Mapping[str, WireValue]], encoding: TableEncoding) -> Iterator[bytes]:
    """Chunks of whole lines, each about `encoding.chunk_bytes` long; the CSV header comes first."""
    columns = encoding.columns
    buffer = io.StringIO()
    if encoding.format is WireFormat.CSV:
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([csv_cell(row[column]) for column in columns])
            if buffer.tell() >= encoding.chunk_bytes:
                yield buffer.getvalue().encode()
                buffer.seek(0)
                buffer.truncate()
        tail = buffer.getvalue()
        if tail:
            yield tail.encode()
        return
    pending: list[bytes] = []
    size = 0
    for row in rows:
        line = orjson.dumps({column: row[column] for column in columns}) + b"\n"
        pending.append(line)
        size += len(line)
        if size >= encoding.chunk_bytes:
            yield b"".join(pending)
            pending.clear()
            size = 0
    if pending:
        yield b"".join(pending)
