"""Reading an upload: CSV and NDJSON rows, line numbers of every fault, limits, and the rules of a row.
Every cell is data: quotes, commas, line breaks inside quotes, formulas and any Unicode text."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.imports.limits import ImportLimits
from spacetime_service.application.imports.records import upload_records
from spacetime_service.domain.errors import InvalidInput, TooLarge
from spacetime_service.domain.imports import ImportRecord, InvalidRow

if TYPE_CHECKING:
    from collections.abc import Iterable

HEADER = b"sku,name,description,category,price,stock\n"
LIMITS = ImportLimits(max_body_bytes=1 << 20, max_line_bytes=1024, max_rows=100)


def _csv(body: bytes, *, chunk: int = 7, limits: ImportLimits = LIMITS) -> list[tuple[int, ImportRecord]]:
    return list(upload_records(_chunked(body, chunk), WireFormat.CSV, limits))


def _ndjson(body: bytes, *, chunk: int = 7, limits: ImportLimits = LIMITS) -> list[tuple[int, ImportRecord]]:
    return list(upload_records(_chunked(body, chunk), WireFormat.NDJSON, limits))


def _chunked(body: bytes, size: int) -> Iterable[bytes]:
    return (body[start : start + size] for start in range(0, len(body), size))


def _refused(read: object, body: bytes) -> InvalidRow:
    with pytest.raises(InvalidRow) as caught:
        read(body)  # type: ignore[operator]
    return caught.value


def test_a_csv_row_becomes_a_record_with_its_line() -> None:
    rows = _csv(HEADER + b"A-1,Kite,Flies high,toys,9.99,3\nB-2,Ball,,sports,12,0\n")

    assert rows == [
        (2, ImportRecord("A-1", "Kite", "Flies high", "toys", Decimal("9.99"), 3)),
        (3, ImportRecord("B-2", "Ball", "", "sports", Decimal("12.00"), 0)),
    ]


def test_columns_may_come_in_any_order_and_description_may_be_left_out() -> None:
    rows = _csv(b"stock,price,category,name,sku\n5,1.50,books,Atlas,AT-1")

    assert rows == [(2, ImportRecord("AT-1", "Atlas", "", "books", Decimal("1.50"), 5))]


def test_crlf_line_ends_and_a_byte_order_mark_are_read_as_plain_csv() -> None:
    body = (
        b"\xef\xbb\xbf"
        + HEADER.replace(b"\n", b"\r\n")
        + b"A-1,Kite,,toys,1.00,1\r\nA-2,Kite 2,,toys,2.00,2\r\n"
    )

    rows = _csv(body, chunk=3)

    assert [(line, record.sku, record.name) for line, record in rows] == [
        (2, "A-1", "Kite"),
        (3, "A-2", "Kite 2"),
    ]


def test_quotes_commas_line_breaks_and_formulas_are_data() -> None:
    body = (
        HEADER
        + b'"=SUM(A1:A9)","=HYPERLINK(""http://x"")","says ""hi"", then\r\nleaves\nagain",toys,1.00,1\n'
        + b"+cmd,-2+3,@here,books,0.00,0\n"
    )

    rows = _csv(body)

    first, second = (record for _, record in rows)
    assert (first.sku, first.name) == ("=SUM(A1:A9)", '=HYPERLINK("http://x")')
    assert first.description == 'says "hi", then\r\nleaves\nagain'
    assert (second.sku, second.name, second.description) == ("+cmd", "-2+3", "@here")
    assert [line for line, _ in rows] == [2, 5]


def test_unicode_text_survives_whatever_the_chunks_cut_through() -> None:
    body = HEADER + "Ü-1,Grüße aus Köln 日本 🚀,naïve café,home,3.50,7\n".encode()

    for size in (1, 2, 3, 5):
        ((line, record),) = _csv(body, chunk=size)
        assert (line, record.sku, record.name, record.description) == (
            2,
            "Ü-1",
            "Grüße aus Köln 日本 🚀",
            "naïve café",
        )


def test_empty_csv_lines_are_skipped_and_still_counted() -> None:
    rows = _csv(HEADER + b"\nA-1,Kite,,toys,1.00,1\n\n\nA-2,Kite,,toys,1.00,1\n\n")

    assert [line for line, _ in rows] == [3, 6]


def test_a_header_only_upload_holds_no_rows() -> None:
    assert _csv(HEADER) == []


@pytest.mark.parametrize(
    ("body", "line", "field"),
    [
        (b"", 1, "header"),
        (b"sku,name,category,price,stock,colour\n", 1, "colour"),
        (b"sku,name,category,price\n", 1, "stock"),
        (b"sku,name,name,category,price,stock\n", 1, "name"),
        (HEADER + b"A-1,Kite,,toys,1.00,1\nA-2,Kite,,toys,1.00\n", 3, "line"),
        (HEADER + b"A-1,Kite,,toys,1.00,1,extra\n", 2, "line"),
        (HEADER + b"A-1,Kite,,toys,1.00,1\n\nA-2,Kite,,weapons,1.00,1\n", 4, "category"),
        (HEADER + b"A-1,Kite,,toys,1.001,1\n", 2, "price"),
        (HEADER + b"A-1,Kite,,toys,-1.00,1\n", 2, "price"),
        (HEADER + b"A-1,Kite,,toys,1e3,1\n", 2, "price"),
        (HEADER + b"A-1,Kite,,toys,,1\n", 2, "price"),
        (HEADER + b"A-1,Kite,,toys,10000000.01,1\n", 2, "price"),
        (HEADER + b"A-1,Kite,,toys,1.00,-1\n", 2, "stock"),
        (HEADER + b"A-1,Kite,,toys,1.00,2.5\n", 2, "stock"),
        (HEADER + b"A-1,Kite,,toys,1.00,2147483648\n", 2, "stock"),
        (HEADER + b",Kite,,toys,1.00,1\n", 2, "sku"),
        (HEADER + b" A-1,Kite,,toys,1.00,1\n", 2, "sku"),
        (HEADER + b"A-123456789-123456789-123456789-1,Kite,,toys,1.00,1\n", 2, "sku"),
        (HEADER + b"A-1,   ,,toys,1.00,1\n", 2, "name"),
        (HEADER + b"A-1,Ki\x01te,,toys,1.00,1\n", 2, "name"),
        (HEADER + b"A-1,Kite,nul \x00 here,toys,1.00,1\n", 2, "description"),
        (HEADER + b"A-1,Kite,\xff\xfe,toys,1.00,1\n", 2, "line"),
        (HEADER + b'A-1,"Kite,,toys,1.00,1\nA-2,Kite,,toys,1.00,1\n', 2, "line"),
        (HEADER + b'A-1,"Ki"te,,toys,1.00,1\n', 2, "line"),
    ],
)
def test_a_bad_csv_row_is_refused_with_its_line_and_field(body: bytes, line: int, field: str) -> None:
    error = _refused(_csv, body)

    assert (error.line, error.field) == (line, field)
    assert error.detail.startswith(f"line {line}: ")


def test_an_ndjson_line_becomes_a_record_with_exact_numbers() -> None:
    body = (
        b'{"sku":"A-1","name":"Kite","category":"toys","price":"9.99","stock":3}\r\n'
        b'{"sku":"A-2","name":"Ball","description":"round","category":"sports","price":0.1,"stock":0}\n'
        b'{"sku":"A-3","name":"Top","category":"toys","price":12,"stock":1}'
    )

    rows = _ndjson(body)

    assert rows == [
        (1, ImportRecord("A-1", "Kite", "", "toys", Decimal("9.99"), 3)),
        (2, ImportRecord("A-2", "Ball", "round", "sports", Decimal("0.10"), 0)),
        (3, ImportRecord("A-3", "Top", "", "toys", Decimal("12.00"), 1)),
    ]


def test_ndjson_text_is_data_and_unicode_escapes_decode() -> None:
    body = (
        '{"sku":"=1+1","name":"\\u00dcber \\"quoted\\", 🚀","description":"two\\nlines",'
        '"category":"home","price":"1.00","stock":1}\n'
    ).encode()

    ((_, record),) = _ndjson(b"\xef\xbb\xbf" + body, chunk=2)

    assert (record.sku, record.name, record.description) == ("=1+1", 'Über "quoted", 🚀', "two\nlines")


@pytest.mark.parametrize(
    ("second", "field"),
    [
        (b"", "line"),
        (b"   ", "line"),
        (b"not json", "line"),
        (b"[1, 2]", "line"),
        (b'{"sku":"A-2","name":"B","category":"toys","price":NaN,"stock":1}', "line"),
        (b'{"sku":"A-2","sku":"A-3","name":"B","category":"toys","price":"1","stock":1}', "line"),
        (b'{"sku":"A-2","name":"B","category":"toys","price":"1","stock":1,"colour":"red"}', "colour"),
        (b'{"sku":"A-2","name":"B","category":"toys","price":"1"}', "stock"),
        (b'{"sku":"A-2","name":"B","category":"toys","price":1.005,"stock":1}', "price"),
        (b'{"sku":"A-2","name":"B","category":"toys","price":true,"stock":1}', "price"),
        (b'{"sku":"A-2","name":"B","category":"toys","price":"1","stock":"1"}', "stock"),
        (b'{"sku":"A-2","name":"B","category":"toys","price":"1","stock":1.0}', "stock"),
        (b'{"sku":"A-2","name":"B","category":"toys","price":"1","stock":true}', "stock"),
        (b'{"sku":2,"name":"B","category":"toys","price":"1","stock":1}', "sku"),
        (b'{"sku":"A-2","name":null,"category":"toys","price":"1","stock":1}', "name"),
        (b'{"sku":"A-2","name":"B","category":"TOYS","price":"1","stock":1}', "category"),
    ],
)
def test_a_bad_ndjson_line_is_refused_with_its_line_and_field(second: bytes, field: str) -> None:
    first = b'{"sku":"A-1","name":"Kite","category":"toys","price":"9.99","stock":3}\n'

    error = _refused(_ndjson, first + second + b"\n" + first)

    assert (error.line, error.field) == (2, field)


def test_a_line_past_the_limit_is_refused_before_the_rest_is_read() -> None:
    limits = ImportLimits(max_body_bytes=1 << 20, max_line_bytes=64, max_rows=10)
    read: list[bytes] = []

    def body() -> Iterable[bytes]:
        yield HEADER + b"A-1,Kite,,toys,1.00,1\n"
        for _ in range(1000):
            read.append(b"x" * 16)
            yield b"x" * 16

    with pytest.raises(InvalidRow) as caught:
        list(upload_records(body(), WireFormat.CSV, limits))

    assert (caught.value.line, caught.value.field) == (3, "line")
    assert len(read) < 10


def test_a_body_past_the_limit_is_too_large() -> None:
    limits = ImportLimits(max_body_bytes=100, max_line_bytes=64, max_rows=100)
    body = HEADER + b"A-1,Kite,,toys,1.00,1\n" * 10

    with pytest.raises(TooLarge):
        _csv(body, limits=limits)


def test_more_rows_than_the_limit_is_too_large() -> None:
    limits = ImportLimits(max_body_bytes=1 << 20, max_line_bytes=64, max_rows=2)
    body = HEADER + b"".join(b"A-%d,Kite,,toys,1.00,1\n" % i for i in range(3))

    with pytest.raises(TooLarge):
        _csv(body, limits=limits)
    assert len(_csv(body[: body.rindex(b"A-2")], limits=limits)) == 2


def test_invalid_row_is_invalid_input() -> None:
    assert issubclass(InvalidRow, InvalidInput)
