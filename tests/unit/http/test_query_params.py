"""Parsing of the shared query parameters; the rules themselves belong to the domain."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.pagination import Direction, Sort
from spacetime_service.entrypoints.http.query_params import parse_columns, parse_moment, parse_sort
from spacetime_service.entrypoints.http.streams.content_disposition import attachment


def test_a_leading_minus_sorts_descending() -> None:
    assert parse_sort("-price") == Sort("price", Direction.DESC)
    assert parse_sort("price") == Sort("price", Direction.ASC)


@pytest.mark.parametrize("text", ["", "-"])
def test_a_sort_without_field_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_sort(text)
    assert refused.value.field == "sort"


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2025-03-01", datetime(2025, 3, 1, tzinfo=UTC)),
        ("2025-03-01T12:30:00", datetime(2025, 3, 1, 12, 30, tzinfo=UTC)),
        ("2025-03-01T12:30:00Z", datetime(2025, 3, 1, 12, 30, tzinfo=UTC)),
        ("2025-03-01T14:30:00+02:00", datetime(2025, 3, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))),
    ],
)
def test_moments_are_aware(text: str, moment: datetime) -> None:
    parsed = parse_moment(text, field="created_from")
    assert parsed == moment
    assert parsed.tzinfo is not None


@pytest.mark.parametrize("text", ["yesterday", "2025-02-30", "2025-03-01 25:00", "1700000000"])
def test_a_bad_moment_names_its_field(text: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        parse_moment(text, field="created_to")
    assert refused.value.field == "created_to"


def test_columns_may_be_repeated_or_comma_separated() -> None:
    assert parse_columns(["id,name", "price", " stock , "]) == ("id", "name", "price", "stock")


def test_a_plain_filename_is_quoted() -> None:
    assert attachment("products.csv") == 'attachment; filename="products.csv"'


def test_a_non_ascii_filename_gets_an_ascii_fallback_and_an_encoded_form() -> None:
    assert attachment('naïve "q".csv') == (
        "attachment; filename=\"na_ve _q_.csv\"; filename*=UTF-8''na%C3%AFve%20%22q%22.csv"
    )
