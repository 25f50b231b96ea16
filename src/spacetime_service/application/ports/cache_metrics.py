"""Port: what a cache reports as it is used, for operators' dashboards."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class CacheMetrics(Protocol):
    def looked_up(self, *, hit: bool) -> None:
        """A `get` found its key (hit) or did not (miss)."""

    def evicted(self, entries: int) -> None:
        """`entries` entries were dropped to make room (never counted for `discard`)."""

    def resized(self, size_bytes: int, entries: int) -> None:
        """What the cache holds after a change."""
