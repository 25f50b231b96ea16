"""Keyset pages as clients see them: the items, and an opaque cursor that names where the next starts.

Every listing reads a page after the position its cursor names (none without a cursor) and hands back
the cursor of the page's last position (none on the last page). Only how a position becomes a cursor
differs between listings: sorted listings (products, orders) and newest-first ones (jobs, models).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from spacetime_service.application.pagination_cursor import CursorCodec
    from spacetime_service.domain.pagination import Position, TimePosition

T = TypeVar("T")
P = TypeVar("P")


@dataclass(frozen=True, slots=True)
class CursorPage(Generic[T]):
    """A page of items and the signed cursor of the next page; None when this page is the last."""

    items: Sequence[T]
    next_cursor: str | None


class PageCursors(Generic[P]):
    """Turns one listing's page positions into cursors and back."""

    def __init__(self, decode: Callable[[str], P], encode: Callable[[P], str]) -> None:
        self._decode = decode
        self._encode = encode

    def after(self, cursor: str | None) -> P | None:
        """The position a page starts after: the one the cursor names, or None for the first page."""
        return self._decode(cursor) if cursor else None

    def page(self, items: Sequence[T], next_position: P | None) -> CursorPage[T]:
        """The page of `items`, with the cursor of `next_position` when another page follows."""
        return CursorPage(items, self._encode(next_position) if next_position else None)


def sorted_cursors(codec: CursorCodec) -> PageCursors[Position]:
    """Cursors of a listing sorted on one allow-listed field (the field travels in the cursor)."""
    return PageCursors(codec.decode, codec.encode)


def time_cursors(codec: CursorCodec, listing: str) -> PageCursors[TimePosition]:
    """Cursors of the newest-first listing named `listing`; another listing's cursor is refused."""
    return PageCursors(partial(codec.decode_time, listing), partial(codec.encode_time, listing))
