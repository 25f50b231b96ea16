"""Column-wise timestamp text equals what `datetime` would write, digit for digit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from spacetime_service.adapters.sqlalchemy.catalog_loading.timestamps import utc_text

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
LAST = int((datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=UTC) - EPOCH) // timedelta(microseconds=1))


@given(st.lists(st.integers(min_value=0, max_value=LAST), min_size=1, max_size=50))
def test_text_matches_datetime_formatting(micros: list[int]) -> None:
    expected = [(EPOCH + timedelta(microseconds=value)).strftime("%Y-%m-%d %H:%M:%S.%f") for value in micros]
    assert utc_text(micros) == expected


def test_a_suffix_is_appended_and_leap_days_are_right() -> None:
    leap_day = int((datetime(2024, 2, 29, 23, 59, 59, 5, tzinfo=UTC) - EPOCH) // timedelta(microseconds=1))
    assert utc_text([leap_day, 0], "+00") == [
        "2024-02-29 23:59:59.000005+00",
        "1970-01-01 00:00:00.000000+00",
    ]
