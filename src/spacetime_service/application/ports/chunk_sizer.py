"""Port: how many rows a job reads, encodes or holds at once."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class ChunkSizer(Protocol):
    def rows_per_chunk(self, total_rows: int | None, row_bytes_estimate: int) -> int:
        """At least 1, and never more rows than the memory budget allows at `row_bytes_estimate` each.

        `total_rows` is the input's size when known (None when it is not); the default strategy
        answers about its square root, within configured bounds.
        """
