"""How long the sorted runs of an external sort are, so that its memory grows like √n.

A sort of n rows of b bytes in runs of r rows holds one run (r·b) while it reads, and one read buffer of
B bytes per run ((n/r)·B) while it merges. The sum is least at r = √(n·B/b), where both halves grow
like √n; a run is further capped at half the sort's budget. When n is unknown, the rows read so far
stand in for it, so runs lengthen as the input turns out longer.
"""

from __future__ import annotations

import math
import sys
from typing import TYPE_CHECKING, Any

from spacetime_service.adapters.spacetime.run_files import OPEN_RUN_BYTES

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

MIN_RUN_ROWS = 1024
MAX_FAN_IN = 256  # open run files at once; beyond this the merge goes in passes
_LIST_SLOT_BYTES = 8


def _deep_size(value: Any) -> int:
    size = sys.getsizeof(value)
    if isinstance(value, tuple | list):
        size += sum(map(_deep_size, value))
    return size


def row_bytes(sample: Sequence[Any], sort_key: Callable[[Any], Any]) -> int:
    """Mean memory of a record held in a run, with its sort key and list slots, over `sample`."""
    if not sample:
        return 1
    total = sum(_deep_size(row) + _deep_size(sort_key(row)) + 2 * _LIST_SLOT_BYTES for row in sample)
    return max(1, total // len(sample))


def run_rows(rows_estimate: int, bytes_per_row: int, budget_bytes: int) -> int:
    """Rows in the next run: √(n·B/b), at least MIN_RUN_ROWS, at most half the budget; never below 1."""
    balanced = math.isqrt(rows_estimate * OPEN_RUN_BYTES // bytes_per_row)
    affordable = budget_bytes // 2 // bytes_per_row
    return max(1, min(max(balanced, MIN_RUN_ROWS), affordable))


def fan_in(budget_bytes: int) -> int:
    """How many runs one merge pass may read at once within the other half of the budget."""
    return max(2, min(MAX_FAN_IN, budget_bytes // 2 // OPEN_RUN_BYTES))
