"""Duplicate skus in one upload, found by an external sort of (sku, line) pairs: about √n of them are
in memory at once, however many rows the upload has."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.imports.staged_lines import staged_sku
from spacetime_service.domain.imports import InvalidRow

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacetime_service.application.ports.external_sorter import ExternalSorter


def repeated_sku(staged: Iterable[bytes], sorter: ExternalSorter) -> InvalidRow | None:
    """The error for the first line (in upload order) whose sku an earlier line already has, or None."""
    earliest: tuple[int, int, str] | None = None
    group_sku: str | None = None
    group_first = 0
    with sorter.sort(staged_sku(data) for data in staged) as ordered:
        for sku, line in ordered:
            if sku != group_sku:
                group_sku, group_first = sku, line
            elif earliest is None or line < earliest[0]:
                earliest = (line, group_first, sku)
    if earliest is None:
        return None
    line, first, sku = earliest
    return InvalidRow(line, "sku", f"sku {sku!r} is already on line {first}; each sku may appear once")
