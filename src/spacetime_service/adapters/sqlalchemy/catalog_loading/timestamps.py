"""Timestamps as the text a database reads fastest, formatted for a whole column at once in NumPy
(about twenty times faster than `datetime` formatting row by row)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

if TYPE_CHECKING:
    from collections.abc import Sequence

# The two characters of 00..99: one table lookup writes two digits, which is much faster than
# dividing by ten per digit.
_PAIRS = np.array([[48 + number // 10, 48 + number % 10] for number in range(100)], dtype=np.uint32)
# Column of each two-digit pair in `YYYY-MM-DD HH:MM:SS.ffffff`.
_PAIR_COLUMNS = (0, 2, 5, 8, 11, 14, 17, 20, 22, 24)
_SEPARATORS = ((4, "-"), (7, "-"), (10, " "), (13, ":"), (16, ":"), (19, "."))
_WIDTH = 26


def utc_text(micros: Sequence[int], suffix: str = "") -> list[str]:
    """`YYYY-MM-DD HH:MM:SS.ffffff` plus `suffix` per count of µs since the epoch (UTC, years 1970-9999).

    This is the text SQLAlchemy stores for a naive datetime on SQLite; with the suffix `+00` it is a
    `timestamptz` literal for PostgreSQL.
    """
    moments = np.asarray(micros, dtype=np.int64).astype("datetime64[us]")
    days = moments.astype("datetime64[D]")
    months = days.astype("datetime64[M]")
    within_day = (moments - days).astype(np.int64)
    year = days.astype("datetime64[Y]").astype(np.int64) + 1970
    seconds, micros_left = np.divmod(within_day, 1_000_000)
    pairs: tuple[npt.NDArray[np.int64], ...] = (
        year // 100,
        year % 100,
        months.astype(np.int64) % 12 + 1,
        (days - months).astype(np.int64) + 1,
        seconds // 3600,
        seconds // 60 % 60,
        seconds % 60,
        micros_left // 10_000,
        micros_left // 100 % 100,
        micros_left % 100,
    )
    width = _WIDTH + len(suffix)
    text = np.empty((len(moments), width), dtype=np.uint32)
    for value, column in zip(pairs, _PAIR_COLUMNS, strict=True):
        text[:, column : column + 2] = np.take(_PAIRS, value, axis=0)
    for column, character in _SEPARATORS:
        text[:, column] = ord(character)
    for offset, character in enumerate(suffix):
        text[:, _WIDTH + offset] = ord(character)
    strings: list[str] = text.view(f"<U{width}").ravel().tolist()
    return strings
