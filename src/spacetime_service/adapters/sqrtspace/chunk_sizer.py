"""The √n chunk rule of `sqrtspace-spacetime` (`SpaceTimeConfig.calculate_chunk_size` with the sqrt_n
strategy) as a ChunkSizer: the library's part that was measured correct (it agrees with the service's
own rule from 0 to 10¹² rows). The service's byte-budget cap applies on top, as for every sizer."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from spacetime_service.adapters.sqrtspace.library import library_module
from spacetime_service.domain.memory import affordable_rows

if TYPE_CHECKING:
    from pathlib import Path


class LibraryChunkSizer:
    def __init__(self, *, budget_bytes: int, min_rows: int, max_rows: int, private_dir: Path) -> None:
        if not 1 <= min_rows <= max_rows:
            raise ValueError("chunk bounds need 1 <= min_rows <= max_rows")
        config = library_module("config", private_dir)
        # Every field whose default would read the machine (its memory) or make a directory in the
        # shared temporary directory is given: the budget, and the private directory.
        self._config: Any = config.SpaceTimeConfig(
            chunk_strategy=config.ChunkStrategy.SQRT_N,
            min_chunk_size=min_rows,
            max_chunk_size=max_rows,
            memory_limit=budget_bytes,
            external_storage_path=str(private_dir / "spacetime"),
        )
        self._budget_bytes = budget_bytes
        self._max_rows = max_rows

    def rows_per_chunk(self, total_rows: int | None, row_bytes_estimate: int) -> int:
        # The library has no answer for an input of unknown size; the service's rule takes the most.
        rows = self._max_rows if total_rows is None else int(self._config.calculate_chunk_size(total_rows))
        return affordable_rows(rows, row_bytes_estimate, self._budget_bytes)
