"""NDJSON bodies read line by line from chunks of any size, with every fault named by its line."""

from __future__ import annotations

import pytest

from spacetime_service.application.ml.record_inputs import ndjson_lines, ndjson_records
from spacetime_service.application.ml.record_outputs import csv_row
from spacetime_service.domain.errors import InvalidInput


def test_lines_straddling_chunks_come_out_whole_without_their_ends() -> None:
    chunks = [b'{"a"', b":1}\r\n{", b'"b":2}\n', b'{"c":3}']

    assert list(ndjson_lines(chunks)) == [b'{"a":1}', b'{"b":2}', b'{"c":3}']


def test_a_line_longer_than_the_limit_is_refused_before_it_is_read_whole() -> None:
    def endless() -> object:
        yield b'{"ok":1}\n'
        while True:
            yield b"x" * 10

    with pytest.raises(InvalidInput, match=r"^line 2: longer than 64 bytes"):
        list(ndjson_lines(endless(), max_line_bytes=64))  # type: ignore[arg-type]


def test_records_are_parsed_and_a_bad_or_empty_line_is_named() -> None:
    assert list(ndjson_records([b'{"a":1}', b"[2]"])) == [{"a": 1}, [2]]
    with pytest.raises(InvalidInput, match=r"^line 2: not valid JSON"):
        list(ndjson_records([b"{}", b"{oops"]))
    with pytest.raises(InvalidInput, match=r"^line 3: an empty line"):
        list(ndjson_records([b"{}", b"{}", b"  "]))


def test_csv_cells_neutralise_formulas_in_text_but_not_negative_numbers() -> None:
    assert csv_row(["=SUM(A1)", -0.5, 3, None, {"12": 1.0}]) == b'\'=SUM(A1),-0.5,3,,"{""12"":1.0}"\n'
