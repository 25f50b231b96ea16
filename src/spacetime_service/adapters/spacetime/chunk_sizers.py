"""ChunkSizer strategies: sqrt_n (the default), fixed, and adaptive to measured pressure.

Every strategy caps a chunk at what its byte budget holds at the given row size, and answers at
least one row, so that a job always makes progress.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Literal, get_args

from spacetime_service.domain.memory import MemoryPressure, affordable_rows

if TYPE_CHECKING:
    from spacetime_service.application.ports.chunk_sizer import ChunkSizer
    from spacetime_service.application.ports.memory_monitor import MemoryMonitor

ChunkStrategy = Literal["sqrt_n", "fixed", "adaptive"]
CHUNK_STRATEGIES: tuple[str, ...] = get_args(ChunkStrategy)

# How far the adaptive strategy divides the √n chunk at each pressure level.
_PRESSURE_DIVISORS = {
    MemoryPressure.NORMAL: 1,
    MemoryPressure.ELEVATED: 2,
    MemoryPressure.HIGH: 4,
    MemoryPressure.CRITICAL: 16,
}


class SqrtChunkSizer:
    """About √n rows for an input of n, within [min_rows, max_rows]; max_rows when n is unknown."""

    def __init__(self, *, budget_bytes: int, min_rows: int, max_rows: int) -> None:
        if not 1 <= min_rows <= max_rows:
            raise ValueError("chunk bounds need 1 <= min_rows <= max_rows")
        self._budget_bytes = budget_bytes
        self._min_rows = min_rows
        self._max_rows = max_rows

    def rows_per_chunk(self, total_rows: int | None, row_bytes_estimate: int) -> int:
        rows = self._max_rows if total_rows is None else math.isqrt(max(0, total_rows))
        bounded = max(self._min_rows, min(rows, self._max_rows))
        return affordable_rows(bounded, row_bytes_estimate, self._budget_bytes)


class FixedChunkSizer:
    """The same number of rows for every input (still capped by the budget)."""

    def __init__(self, *, budget_bytes: int, rows: int) -> None:
        self._budget_bytes = budget_bytes
        self._rows = rows

    def rows_per_chunk(self, total_rows: int | None, row_bytes_estimate: int) -> int:  # noqa: ARG002 - fixed size
        return affordable_rows(self._rows, row_bytes_estimate, self._budget_bytes)


class AdaptiveChunkSizer:
    """The √n answer divided by 1, 2, 4 or 16 as pressure rises from normal to critical, and never more
    than `budget_share` of the memory still available."""

    def __init__(self, base: ChunkSizer, monitor: MemoryMonitor, *, budget_share: float = 0.125) -> None:
        self._base = base
        self._monitor = monitor
        self._budget_share = budget_share

    def rows_per_chunk(self, total_rows: int | None, row_bytes_estimate: int) -> int:
        snapshot = self._monitor.snapshot()
        rows = (
            self._base.rows_per_chunk(total_rows, row_bytes_estimate) // _PRESSURE_DIVISORS[snapshot.pressure]
        )
        available = int(snapshot.available_bytes * self._budget_share)
        return affordable_rows(rows, row_bytes_estimate, available)


def chunk_sizer_named(
    strategy: ChunkStrategy,
    *,
    budget_bytes: int,
    min_rows: int,
    max_rows: int,
    fixed_rows: int,
    monitor: MemoryMonitor,
    sqrt_n: ChunkSizer | None = None,
) -> ChunkSizer:
    """The strategy that SPACETIME_CHUNK_STRATEGY names. `sqrt_n` is the √n rule to use (the
    library's, when SPACETIME_MEMORY_LIBRARY selects it); this module's own otherwise."""
    sqrt_n = sqrt_n or SqrtChunkSizer(budget_bytes=budget_bytes, min_rows=min_rows, max_rows=max_rows)
    if strategy == "fixed":
        return FixedChunkSizer(budget_bytes=budget_bytes, rows=fixed_rows)
    if strategy == "adaptive":
        return AdaptiveChunkSizer(sqrt_n, monitor)
    return sqrt_n
