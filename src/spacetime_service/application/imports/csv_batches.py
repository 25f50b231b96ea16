"""A CSV upload staged a batch of rows at a time: the rows are checked column by column with the
standard library's C code (a compiled pattern mapped over a column, one search over a column's
text), and only a batch that holds anything else goes through the row-by-row rules.

The column checks accept a subset of the valid rows, in the form the staged file keeps them (a price
with exactly two decimals and no leading zero, a stock without sign or leading zero), so an accepted
batch stages exactly the bytes that the row-by-row rules would have. Anything else (a bad row, an
empty line, "12.5", a too-large upload) sends its batch through `csv_rows`'s rules and
`import_record`, which accept it or name the first bad line and field, as they did for every row
before. Faults met while reading a batch (malformed CSV, a line too long, not UTF-8, a body too
large) wait until the rows read before them are checked, as they did when each row was checked as
soon as it was read. On a 200k-row upload this took the upload's check from about 1.8 s to 0.6 s
of CPU (docs/import.md, "Speed")."""

from __future__ import annotations

import csv
import re
from itertools import repeat
from typing import TYPE_CHECKING

import orjson

from spacetime_service.application.imports.csv_rows import csv_header, malformed, row_values
from spacetime_service.application.imports.duplicates import sku_key
from spacetime_service.application.imports.staged_lines import STAGED_KEYS, staged_line
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.errors import TooLarge
from spacetime_service.domain.imports import import_record
from spacetime_service.domain.product_fields import (
    MAX_DESCRIPTION_LENGTH,
    MAX_NAME_LENGTH,
    MAX_SKU_LENGTH,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from spacetime_service.application.imports.csv_rows import CsvReader

# Rows per batch: enough to make the per-batch work negligible, few enough that a batch sent to the
# row-by-row rules (a file with a stray "12.5") costs little more than before.
BATCH_ROWS = 1024
# Within the rules and already in the staged form: 0.00 to 9999999.99 with two decimals (the limit
# is 10000000.00), a stock of 0 to 999999999 (the limit is 2147483647).
_STAGED_PRICE = re.compile(r"(?:0|[1-9][0-9]{0,6})\.[0-9]{2}")
_STAGED_STOCK = re.compile(r"0|[1-9][0-9]{0,8}")
# The control characters that product_fields refuses in a sku or a name, and in a description.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DESCRIPTION_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CATEGORIES = frozenset(CATEGORIES)

# Staged lines, how many rows they hold, and the rows' sku keys (duplicates.sku_key).
StagedBlock = tuple[bytes, int, list[str]]


def staged_csv_blocks(lines: Iterable[str], max_rows: int) -> Iterator[StagedBlock]:
    """The staged lines of a CSV upload's rows, a batch at a time, with how many rows each block
    holds. Faults are raised as `csv_rows` and `upload_records` raise them: the first bad line's."""
    reader: CsvReader = csv.reader(lines, strict=True)
    header = csv_header(reader)
    columns = _Columns(header)
    staged = 0
    while True:
        batch, starts, fault, ended = _read_batch(reader)
        if batch:
            block = columns.staged(batch, starts) if staged + len(batch) <= max_rows else None
            if block is not None:
                staged += len(batch)
                yield block
            else:
                for start, cells in zip(starts, batch, strict=True):
                    values = row_values(header, cells, start)
                    if values is None:
                        continue
                    staged += 1
                    if staged > max_rows:
                        raise TooLarge(f"an upload holds at most {max_rows} products")
                    record = import_record(values, start)
                    yield staged_line(start, record), 1, [sku_key(record.sku, start)]
        if fault is not None:
            raise fault
        if ended:
            return


def _read_batch(reader: CsvReader) -> tuple[list[list[str]], list[int], Exception | None, bool]:
    """Up to BATCH_ROWS rows, the line each starts on, the fault that stopped the reading (after
    the rows read before it), and whether the rows have ended."""
    batch: list[list[str]] = []
    starts: list[int] = []
    start = reader.line_num + 1
    try:
        for cells in reader:
            batch.append(cells)
            starts.append(start)
            start = reader.line_num + 1
            if len(batch) == BATCH_ROWS:
                return batch, starts, None, False
    except csv.Error as error:
        return batch, starts, malformed(start, error), True
    except Exception as error:  # noqa: BLE001 - the body's own faults, raised once the rows before them are checked
        return batch, starts, error, True
    return batch, starts, None, True


class _Columns:
    """Where each field is among a header's columns."""

    def __init__(self, header: list[str]) -> None:
        self._width = len(header)
        self._sku = header.index("sku")
        self._name = header.index("name")
        self._description = header.index("description") if "description" in header else None
        self._category = header.index("category")
        self._price = header.index("price")
        self._stock = header.index("stock")

    def staged(self, batch: list[list[str]], starts: list[int]) -> StagedBlock | None:
        """The batch's staged lines when every row passes the column checks, else None."""
        if any(len(cells) != self._width for cells in batch):
            return None  # an empty line, or a row with too few or too many cells
        columns = list(zip(*batch, strict=True))
        skus: tuple[str, ...] = columns[self._sku]
        names: tuple[str, ...] = columns[self._name]
        categories: tuple[str, ...] = columns[self._category]
        prices: tuple[str, ...] = columns[self._price]
        stocks: tuple[str, ...] = columns[self._stock]
        descriptions: Iterable[str] = repeat("")
        if self._description is not None:
            descriptions = columns[self._description]
            if not _descriptions_pass(columns[self._description]):
                return None
        if not (
            _skus_pass(skus)
            and _names_pass(names)
            and _CATEGORIES.issuperset(categories)
            and all(map(_STAGED_PRICE.fullmatch, prices))
            and all(map(_STAGED_STOCK.fullmatch, stocks))
        ):
            return None
        values = zip(starts, skus, names, descriptions, categories, prices, map(int, stocks), strict=False)
        # staged_document's dict of each row, built and encoded by C code without a Python call per row.
        documents = map(orjson.dumps, map(dict, map(zip, repeat(STAGED_KEYS), values)))
        return b"\n".join(documents) + b"\n", len(batch), list(map(sku_key, skus, starts))


def _skus_pass(skus: tuple[str, ...]) -> bool:
    # require_sku: 1 to 32 characters, no control character, no space at either end.
    return (
        min(map(len, skus)) >= 1
        and max(map(len, skus)) <= MAX_SKU_LENGTH
        and not _CONTROL.search("".join(skus))
        and all(map(str.__eq__, skus, map(str.strip, skus)))
    )


def _names_pass(names: tuple[str, ...]) -> bool:
    # require_name: not blank, at most 200 characters, no control character.
    return (
        max(map(len, names)) <= MAX_NAME_LENGTH
        and not _CONTROL.search("".join(names))
        and all(map(str.strip, names))
    )


def _descriptions_pass(descriptions: tuple[str, ...]) -> bool:
    # require_description: at most 10,000 characters, no control character but tabs and line breaks.
    return max(map(len, descriptions)) <= MAX_DESCRIPTION_LENGTH and not _DESCRIPTION_CONTROL.search(
        "".join(descriptions)
    )
