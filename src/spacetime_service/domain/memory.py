"""Memory pressure: how much of its budget the process uses, in four levels.

The budget is the smaller of the configured limit and the container's cgroup limit; usage is the
process's resident set, never the machine's. The level is a pure function of usage over budget.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class MemoryPressure(StrEnum):
    """Levels in increasing order; compare them with `at_least`."""

    NORMAL = "normal"
    ELEVATED = "elevated"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def at_least(self, other: MemoryPressure) -> bool:
        return self.rank >= other.rank


_RANKS = {level: rank for rank, level in enumerate(MemoryPressure)}

# Fractions of the budget at which each level starts: a heavy job is refused from CRITICAL on, and the
# 10-point gap below it leaves room for the jobs already running to finish.
PRESSURE_THRESHOLDS: tuple[tuple[float, MemoryPressure], ...] = (
    (0.95, MemoryPressure.CRITICAL),
    (0.85, MemoryPressure.HIGH),
    (0.70, MemoryPressure.ELEVATED),
)


def pressure_for(used_bytes: int, limit_bytes: int) -> MemoryPressure:
    """The highest level whose threshold `used / limit` has reached; NORMAL below 70 %."""
    if limit_bytes <= 0:
        raise ValueError("a memory limit must be positive")
    share = used_bytes / limit_bytes
    for threshold, level in PRESSURE_THRESHOLDS:
        if share >= threshold:
            return level
    return MemoryPressure.NORMAL


@dataclass(frozen=True, slots=True)
class MemorySnapshot:
    """The process's memory at one moment, against its budget (all in bytes)."""

    used_bytes: int
    peak_bytes: int
    limit_bytes: int

    def __post_init__(self) -> None:
        if self.limit_bytes <= 0:
            raise ValueError("a memory limit must be positive")
        if self.used_bytes < 0 or self.peak_bytes < 0:
            raise ValueError("memory usage cannot be negative")

    @property
    def available_bytes(self) -> int:
        """What is left of the budget; zero once it is exceeded."""
        return max(0, self.limit_bytes - self.used_bytes)

    @property
    def pressure(self) -> MemoryPressure:
        return pressure_for(self.used_bytes, self.limit_bytes)


def affordable_rows(rows: int, row_bytes_estimate: int, budget_bytes: int) -> int:
    """`rows`, cut to what `budget_bytes` holds at `row_bytes_estimate` each, and never below one row,
    so that a chunked job always makes progress. Every chunk sizer applies this cap last."""
    return max(1, min(rows, budget_bytes // max(1, row_bytes_estimate)))
