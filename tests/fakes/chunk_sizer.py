"""A ChunkSizer that always answers the same number of rows, so tests choose where chunks end."""

from __future__ import annotations


class FixedRows:
    def __init__(self, rows: int) -> None:
        self.rows = rows

    def rows_per_chunk(self, total_rows: int | None, row_bytes_estimate: int) -> int:  # noqa: ARG002
        return self.rows
