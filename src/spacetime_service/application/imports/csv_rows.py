"""CSV uploads: a header row naming the columns, then one product per row (RFC 4180 quoting; a quoted
cell may span lines). Every cell is data: a cell that looks like a formula is stored as written."""

from __future__ import annotations

import csv
import re
from typing import TYPE_CHECKING

from spacetime_service.domain.imports import InvalidRow, require_import_fields

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# A cell of one column may span lines, but never grows past this many characters.
MAX_CELL_CHARACTERS = 128 * 1024
_WHOLE_NUMBER = re.compile(r"[+-]?[0-9]{1,12}")


class _LineCounter:
    """Hands the csv reader one line at a time and remembers the number of the last one it took."""

    def __init__(self, lines: Iterable[tuple[int, str]]) -> None:
        self._lines = iter(lines)
        self.last = 0
        self.last_length = 0

    def __iter__(self) -> Iterator[str]:
        for number, text in self._lines:
            self.last = number
            self.last_length = len(text)
            yield text


def csv_rows(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, dict[str, object]]]:
    """Each row as {column: value} with the number of the line it starts on. Empty lines are skipped;
    a row with more or fewer cells than the header, or malformed quoting, is an InvalidRow. `stock`
    cells become integers; every other cell stays text."""
    counter = _LineCounter(lines)
    reader = csv.reader(counter, strict=True)
    header = _next_row(reader, counter)
    if header is None:
        raise InvalidRow(1, "header", "a CSV upload starts with a header row naming its columns")
    require_import_fields(header, 1)
    while True:
        start = counter.last + 1
        cells = _next_row(reader, counter)
        if cells is None:
            return
        if not cells:
            continue
        if len(cells) != len(header):
            raise InvalidRow(start, "line", f"the row has {len(cells)} cells; the header names {len(header)}")
        values: dict[str, object] = dict(zip(header, cells, strict=True))
        values["stock"] = _stock(values["stock"], start)
        yield start, values


def _next_row(reader: Iterator[list[str]], counter: _LineCounter) -> list[str] | None:
    start = counter.last + 1
    try:
        cells = next(reader, None)
    except csv.Error as error:
        raise InvalidRow(start, "line", f"malformed CSV ({error})") from None
    # A row read from one line no longer than the cell limit cannot hold a longer cell.
    one_short_line = counter.last == start and counter.last_length <= MAX_CELL_CHARACTERS
    if cells is not None and not one_short_line and any(len(cell) > MAX_CELL_CHARACTERS for cell in cells):
        raise InvalidRow(start, "line", f"a cell is at most {MAX_CELL_CHARACTERS} characters")
    return cells


def _stock(cell: object, line: int) -> int:
    if not isinstance(cell, str) or not _WHOLE_NUMBER.fullmatch(cell):
        raise InvalidRow(line, "stock", "stock must be a whole number")
    return int(cell)
