"""The Range header and entity-tag rules of a download, as pure functions (RFC 9110 sections 13, 14)."""

from __future__ import annotations

import pytest

from spacetime_service.entrypoints.http.streams.byte_ranges import (
    ByteRange,
    UnsatisfiableRange,
    requested_range,
)
from spacetime_service.entrypoints.http.streams.entity_tags import if_range_holds, none_match_holds

SIZE = 100
ETAG = '"abc123"'


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("bytes=0-9", ByteRange(0, 9, SIZE)),
        ("bytes=90-", ByteRange(90, 99, SIZE)),
        ("bytes=-10", ByteRange(90, 99, SIZE)),
        ("bytes=-1000", ByteRange(0, 99, SIZE)),
        ("bytes=50-5000", ByteRange(50, 99, SIZE)),
        ("bytes=99-99", ByteRange(99, 99, SIZE)),
        ("Bytes=007-008", ByteRange(7, 8, SIZE)),
        ("bytes=\t1-2 ,, ", ByteRange(1, 2, SIZE)),
        ("bytes=1-" + "9" * 5000, ByteRange(1, 99, SIZE)),
    ],
)
def test_one_satisfiable_range_is_clamped_to_the_file(header: str, expected: ByteRange) -> None:
    assert requested_range(header, SIZE) == expected


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "bytes",
        "bytes=",
        "bytes=abc",
        "bytes=5-1",
        "bytes=-",
        "bytes=1-2-3",
        "bytes=+1-2",
        "bytes=\u0661-\u0662",  # digits, but not ASCII ones
        "bytes =0-1",
        "items=0-1",
        "bytes=0-1,5-6",
        "bytes=0-1,abc",
        "bytes=0-1,200-",
    ],
)
def test_a_malformed_foreign_or_multiple_range_means_the_whole_file(header: str | None) -> None:
    assert requested_range(header, SIZE) is None


@pytest.mark.parametrize(
    ("header", "size"),
    [
        ("bytes=100-", SIZE),
        ("bytes=100-200", SIZE),
        ("bytes=-0", SIZE),
        ("bytes=0-", 0),
        ("bytes=-5", 0),
        ("bytes=" + "9" * 5000 + "-", SIZE),
    ],
)
def test_a_range_that_selects_no_byte_is_unsatisfiable(header: str, size: int) -> None:
    outcome = requested_range(header, size)

    assert outcome == UnsatisfiableRange(size)
    assert isinstance(outcome, UnsatisfiableRange)
    assert outcome.content_range == f"bytes */{size}"


def test_a_part_names_its_bytes_and_the_size() -> None:
    assert ByteRange(10, 19, SIZE).content_range == "bytes 10-19/100"


@pytest.mark.parametrize("header", [ETAG, f"W/{ETAG}", f'"x", {ETAG}', f'W/"x",W/{ETAG}', "*", " * "])
def test_if_none_match_compares_weakly(header: str) -> None:
    assert none_match_holds(header, ETAG)


@pytest.mark.parametrize("header", [None, '"x"', "abc123", '"abc1234"', ""])
def test_if_none_match_with_other_tags_does_not_hold(header: str | None) -> None:
    assert not none_match_holds(header, ETAG)


def test_if_range_holds_only_for_the_strong_tag_or_when_absent() -> None:
    assert if_range_holds(None, ETAG)
    assert if_range_holds(f" {ETAG} ", ETAG)
    assert not if_range_holds(f"W/{ETAG}", ETAG)
    assert not if_range_holds('"x"', ETAG)
    assert not if_range_holds("Sat, 05 Dec 2026 05:00:00 GMT", ETAG)
