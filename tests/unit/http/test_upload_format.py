"""Which format an upload is in, from its Content-Type; anything else is 415."""

from __future__ import annotations

import pytest

from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.entrypoints.http.problems.error_map import problem_kind_for
from spacetime_service.entrypoints.http.upload_format import (
    UnsupportedMediaType,
    declared_length,
    upload_format,
)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/csv", WireFormat.CSV),
        ("Text/CSV; charset=UTF-8", WireFormat.CSV),
        ('text/csv; header=present; charset="utf-8"', WireFormat.CSV),
        ("application/x-ndjson", WireFormat.NDJSON),
        ("application/x-ndjson;charset=utf8", WireFormat.NDJSON),
    ],
)
def test_csv_and_ndjson_in_utf8_are_read(header: str, expected: WireFormat) -> None:
    assert upload_format(header) is expected


@pytest.mark.parametrize(
    "header", [None, "", "application/json", "text/plain", "text/csv; charset=latin-1", "multipart/form-data"]
)
def test_other_media_types_and_charsets_are_415(header: str | None) -> None:
    with pytest.raises(UnsupportedMediaType) as caught:
        upload_format(header)

    assert problem_kind_for(caught.value).status == 415


@pytest.mark.parametrize(
    ("header", "expected"), [("123", 123), (" 7 ", 7), (None, None), ("-1", None), ("x", None)]
)
def test_a_declared_length_is_read_only_when_it_is_a_number(header: str | None, expected: int | None) -> None:
    assert declared_length(header) == expected
