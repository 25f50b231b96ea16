"""A CSV upload checked a batch at a time stages exactly what the row-by-row rules stage, and refuses
exactly what they refuse, with the same line, field and message: every body below is read both ways."""

from __future__ import annotations

import random
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.imports import csv_batches
from spacetime_service.application.imports.duplicates import sku_key
from spacetime_service.application.imports.limits import ImportLimits
from spacetime_service.application.imports.records import staged_upload, upload_records
from spacetime_service.application.imports.staged_lines import staged_line
from spacetime_service.domain.errors import DomainError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from spacetime_service.application.imports.csv_batches import StagedBlock

HEADER = "sku,name,description,category,price,stock\n"
GOOD = 'KITE-{n},Kite {n},"Flies ""high"", far",toys,9.99,12\n'
# Each variant of a row: some pass the column checks, some only the row rules, some neither.
VARIANTS = (
    GOOD,
    "LAMP-{n},Brass lamp,,home,49.90,3\n",
    "A-{n},Atlas,,books,12,5\n",  # a whole price: valid, not in the staged form
    "A-{n},Atlas,,books,12.5,5\n",
    "A-{n},Atlas,,books,007.50,5\n",
    "A-{n},Atlas,,books,10000000.00,5\n",
    "A-{n},Atlas,,books,10000000.01,5\n",
    "A-{n},Atlas,,books,12.500,5\n",
    "A-{n},Atlas,,books,12.505,5\n",
    "A-{n},Atlas,,books,1e3,5\n",
    "A-{n},Atlas,,books,-1.00,5\n",
    "A-{n},Atlas,,books,9.99,+5\n",
    "A-{n},Atlas,,books,9.99,007\n",
    "A-{n},Atlas,,books,9.99,2147483647\n",
    "A-{n},Atlas,,books,9.99,2147483648\n",
    "A-{n},Atlas,,books,9.99,-1\n",
    "A-{n},Atlas,,books,9.99,\n",
    " A-{n},Atlas,,books,9.99,1\n",
    "A-{n}\u00a0,Atlas,,books,9.99,1\n",
    "A-{n}\x01,Atlas,,books,9.99,1\n",
    ",Atlas,,books,9.99,1\n",
    "{long_sku},Atlas,,books,9.99,1\n",
    "A-{n},   ,,books,9.99,1\n",
    "A-{n},\u2003,,books,9.99,1\n",
    "A-{n},Na\x7fme,,books,9.99,1\n",
    "A-{n},{long_name},,books,9.99,1\n",
    'A-{n},Atlas,"two\nlines\ttab",books,9.99,1\n',
    "A-{n},Atlas,bell\x07,books,9.99,1\n",
    "A-{n},Atlas,{long_description},books,9.99,1\n",
    "A-{n},Atlas,,comics,9.99,1\n",
    "A-{n},Atlas,,books,9.99\n",
    "A-{n},Atlas,,books,9.99,1,extra\n",
    "\n",
    "\r\n",
    'A-{n},"Atlas,,books,9.99,1\n',
    'A-{n},At"las,,books,9.99,1\n',
    "A-{n},=SUM(A1),,books,9.99,1\r\n",
    "A-{n},Caf\u00e9 \u00fcber \U0001f600,,books,0.00,0\n",
)
LONG = {"long_sku": "S" * 33, "long_name": "N" * 201, "long_description": "D" * 10_001}


def _limits(max_rows: int = 1000, max_line_bytes: int = 16_384) -> ImportLimits:
    return ImportLimits(max_body_bytes=1 << 22, max_line_bytes=max_line_bytes, max_rows=max_rows)


def _chunked(body: bytes, size: int) -> Iterable[bytes]:
    return (body[start : start + size] for start in range(0, len(body), size))


def _outcome(read: Callable[[], Iterable[StagedBlock]]) -> tuple[object, ...]:
    staged = bytearray()
    rows = 0
    keys: list[str] = []
    try:
        for data, count, block_keys in read():
            staged += data
            rows += count
            keys += block_keys
    except DomainError as error:
        return (type(error), str(error), error.__dict__)
    return (bytes(staged), rows, keys)


def _both_ways(
    body: bytes, limits: ImportLimits, chunk: int = 4096
) -> tuple[tuple[object, ...], tuple[object, ...]]:
    batched = _outcome(lambda: staged_upload(_chunked(body, chunk), WireFormat.CSV, limits))
    row_by_row = _outcome(
        lambda: (
            (staged_line(line, record), 1, [sku_key(record.sku, line)])
            for line, record in upload_records(_chunked(body, chunk), WireFormat.CSV, limits)
        )
    )
    return batched, row_by_row


@pytest.fixture(autouse=True)
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    # Batches of a few rows, so that a body of a few dozen rows holds many of them.
    monkeypatch.setattr(csv_batches, "BATCH_ROWS", 4)


@pytest.mark.parametrize("seed", range(300))
def test_a_body_of_mixed_rows_is_staged_or_refused_as_row_by_row(seed: int) -> None:
    rng = random.Random(seed)
    header = HEADER if seed % 3 else "stock,price,category,name,sku,description\n"
    rows = []
    for n in range(rng.randint(0, 40)):
        variant = GOOD if rng.random() < 0.85 else rng.choice(VARIANTS)
        row = variant.format(n=n, **LONG)
        if header != HEADER and row.strip():
            cells = row.rstrip("\r\n").split(",")
            if len(cells) == 6 and '"' not in row:
                row = ",".join([cells[5], cells[4], cells[3], cells[1], cells[0], cells[2]]) + "\n"
        rows.append(row)
    body = ("\ufeff" if seed % 5 == 0 else "") + header + "".join(rows)
    limits = _limits(max_rows=rng.choice((1000, 1000, 25, 9)), max_line_bytes=rng.choice((16_384, 60)))

    batched, row_by_row = _both_ways(body.encode(), limits, chunk=rng.choice((7, 64, 4096)))

    assert batched == row_by_row


def test_good_rows_are_staged_in_blocks() -> None:
    body = (HEADER + "".join(GOOD.format(n=n) for n in range(10))).encode()

    blocks = list(staged_upload([body], WireFormat.CSV, _limits()))

    assert [count for _, count, _ in blocks] == [4, 4, 2]
    assert blocks[2][2] == [sku_key("KITE-8", 10), sku_key("KITE-9", 11)]


@pytest.mark.parametrize(
    "tail",
    [
        b"A-x,Atlas,,books,9.99,1\n\xff\xfe\n",  # not UTF-8
        b"A-x,Atlas,,books,9.99,1\n" + b"x" * 100 + b"\n",  # a line too long
        b'A-x,"Atlas\n',  # a quote that never closes
        b"A-x,Atlas,,books,9.99,1\nB-1,Bad,,books,1.234,1\n" + b"x" * 100,
    ],
)
def test_faults_of_the_body_come_after_the_rows_before_them(tail: bytes) -> None:
    body = (HEADER + GOOD.format(n=1) + GOOD.format(n=2)).encode() + tail

    batched, row_by_row = _both_ways(body, _limits(max_line_bytes=60), chunk=16)

    assert batched == row_by_row
    assert isinstance(batched[0], type)


def test_an_upload_past_the_row_limit_is_refused_at_its_row() -> None:
    body = (HEADER + "".join(GOOD.format(n=n) for n in range(10))).encode()

    batched, row_by_row = _both_ways(body, _limits(max_rows=6))

    assert batched == row_by_row
    assert batched[1] == "an upload holds at most 6 products"
