"""The reference encoder: the exact bytes every encoded stream must equal, built row by row in Python.

Adapters that push formatting into the database are held to these bytes by the contract tests; fakes
and adapters without a faster path use this encoder directly.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import orjson

from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping

    from spacetime_service.application.encoding.wire import WireValue

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def neutralise_formula(cell: str) -> str:
    """Prefixes a quote so that a spreadsheet shows the text instead of evaluating it."""
    return "'" + cell if cell.startswith(FORMULA_TRIGGERS) else cell


def csv_cell(value: WireValue) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise_formula(value)
    return str(value)


def csv_field(value: WireValue) -> str:
    """RFC 4180 minimal quoting, as PostgreSQL COPY does it: a cell with a comma, a quote, CR or LF is
    quoted, quotes doubled. (Python's csv module with LF line ends would leave a bare CR unquoted.)"""
    cell = csv_cell(value)
    if _NEEDS_QUOTES.search(cell):
        return '"' + cell.replace('"', '""') + '"'
    return cell


def csv_line(values: Iterable[WireValue]) -> bytes:
    fields = [csv_field(value) for value in values]
    # A line of one empty cell would read as a blank line, which CSV readers skip.
    return (",".join(fields) + "\n").encode() if fields != [""] else b'""\n'


def ndjson_line(fields: Mapping[str, WireValue]) -> bytes:
    """One compact JSON object, keys in the mapping's order, ended by LF."""
    return orjson.dumps(fields) + b"\n"


def encode_rows(
    rows: Iterable[Mapping[str, WireValue]], encoding: TableEncoding, *, header: bool = True
) -> Iterator[bytes]:
    """Chunks of whole lines, each about `encoding.chunk_bytes` long; the CSV header comes first
    unless `header` is off (a stream that continues an earlier one)."""
    columns = encoding.columns
    lines: Iterator[bytes]
    if encoding.format is WireFormat.CSV:
        first = csv_line(columns) if header else b""
        lines = (csv_line([row[column] for column in columns]) for row in rows)
    else:
        first = b""
        lines = (ndjson_line({column: row[column] for column in columns}) for row in rows)
    yield from chunk_lines(lines, encoding.chunk_bytes, first=first)


def chunk_lines(lines: Iterable[bytes], chunk_bytes: int, *, first: bytes = b"") -> Iterator[bytes]:
    """Joins whole lines into chunks of at least `chunk_bytes` (the last one may be shorter)."""
    pending = [first] if first else []
    size = len(first)
    for line in lines:
        pending.append(line)
        size += len(line)
        if size >= chunk_bytes:
            yield b"".join(pending)
            pending.clear()
            size = 0
    if pending:
        yield b"".join(pending)
