"""CSV uploads: a header row naming the columns, then one product per row (RFC 4180 quoting; a quoted
cell may span lines). Every cell is data: a cell that looks like a formula is stored as written."""

from __future__ import annotations

import csv
import re
from typing import TYPE_CHECKING, Protocol

from spacetime_service.domain.imports import InvalidRow, require_import_fields

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# A cell of one column may span lines, but never grows past this many characters.
MAX_CELL_CHARACTERS = 128 * 1024
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,12}")


class CsvReader(Protocol):
    """A csv.reader: its rows, and `line_num`, how many lines it has read (the last one's number)."""

    @property
    def line_num(self) -> int: ...

    def __iter__(self) -> Iterator[list[str]]: ...

    def __next__(self) -> list[str]: ...


def csv_rows(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, object]]]:
    """Each row as {column: value} with the number of the line it starts on (the lines are the
    upload's, from its first). Empty lines are skipped; a row with more or fewer cells than the
    header, or malformed quoting, is an InvalidRow. `stock` cells become integers; every other cell
    stays text."""
    reader = csv.reader(lines, strict=True)
    header = csv_header(reader)
    while True:
        start = reader.line_num + 1
        cells = next_cells(reader)
        if cells is None:
            return
        values = row_values(header, cells, start)
        if values is not None:
            yield start, values


def csv_header(reader: CsvReader) -> list[str]:
    """The header row's column names, each a known field, none twice, every required one there."""
    header = next_cells(reader)
    if header is None:
        raise InvalidRow(1, "header", "a CSV upload starts with a header row naming its columns")
    _require_short_cells(header, 1)
    require_import_fields(header, 1)
    return header


def next_cells(reader: CsvReader) -> list[str] | None:
    """The next row's cells, None at the end, or InvalidRow for malformed CSV at the row's line."""
    start = reader.line_num + 1
    try:
        return next(reader, None)
    except csv.Error as error:
        raise malformed(start, error) from None


def malformed(line: int, error: csv.Error) -> InvalidRow:
    return InvalidRow(line, "line", f"malformed CSV ({error})")


def row_values(header: list[str], cells: list[str], start: int) -> dict[str, object] | None:
    """The row starting on line `start` as {column: value}, None for an empty line, or InvalidRow."""
    _require_short_cells(cells, start)
    if not cells:
        return None
    if len(cells) != len(header):
        raise InvalidRow(start, "line", f"the row has {len(cells)} cells; the header names {len(header)}")
    values: dict[str, object] = dict(zip(header, cells, strict=True))
    values["stock"] = _stock(values["stock"], start)
    return values


def _require_short_cells(cells: list[str], start: int) -> None:
    # Only a row spanning lines, or read from one line longer than the limit, can hold a longer cell;
    # the check is cheap beside the row's other rules, so every row passes it.
    if any(len(cell) > MAX_CELL_CHARACTERS for cell in cells):
        raise InvalidRow(start, "line", f"a cell is at most {MAX_CELL_CHARACTERS} characters")


def _stock(cell: object, line: int) -> int:
    if not isinstance(cell, str) or not _WHOLE_NUMBER.fullmatch(cell):
        raise InvalidRow(line, "stock", "stock must be a whole number")
    return int(cell)
