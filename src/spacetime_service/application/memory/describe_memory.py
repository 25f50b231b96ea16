"""Use case: the memory side of the service as an operator sees it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from spacetime_service.application.memory.guard import MemoryGuard
    from spacetime_service.application.ports.cache import Cache, CacheStats
    from spacetime_service.application.ports.chunk_sizer import ChunkSizer
    from spacetime_service.application.ports.memory_monitor import MemoryMonitor
    from spacetime_service.application.ports.spill_usage import DiskUsage, SpillUsage
    from spacetime_service.domain.memory import MemorySnapshot

# The row size the chunk is shown for: about what one order takes while it is read.
SAMPLE_ROW_BYTES = 240
MAX_SAMPLE_ROWS = 10**12


@dataclass(frozen=True, slots=True)
class MemoryLimits:
    """The configured budget and the container's own limit (None: none found); the budget in force
    is the smaller of the two."""

    configured_bytes: int
    container_bytes: int | None
    chunk_strategy: str


@dataclass(frozen=True, slots=True)
class DescribeMemoryCommand:
    sample_rows: int = 1_000_000


@dataclass(frozen=True, slots=True)
class MemoryReport:
    snapshot: MemorySnapshot
    limits: MemoryLimits
    breaker_open: bool
    sample_rows: int
    chunk_rows: int
    spill: DiskUsage
    cache: CacheStats


class DescribeMemory:
    """Usage, peak, budget and pressure now; whether the circuit breaker refuses heavy work (as of its
    last check); the chunk the configured strategy picks for an input of `sample_rows` rows; the
    disk taken by spill files; and the result cache's counts and size. Reading it changes nothing."""

    def __init__(
        self,
        monitor: MemoryMonitor,
        guard: MemoryGuard,
        chunk_sizer: ChunkSizer,
        spill_usage: SpillUsage,
        limits: MemoryLimits,
        *,
        cache: Cache,
    ) -> None:
        self._monitor = monitor
        self._guard = guard
        self._chunk_sizer = chunk_sizer
        self._spill_usage = spill_usage
        self._limits = limits
        self._cache = cache

    def execute(self, command: DescribeMemoryCommand) -> MemoryReport:
        if not 0 <= command.sample_rows <= MAX_SAMPLE_ROWS:
            raise InvalidInput(f"sample_rows must be between 0 and {MAX_SAMPLE_ROWS}", field="sample_rows")
        return MemoryReport(
            snapshot=self._monitor.snapshot(),
            limits=self._limits,
            breaker_open=self._guard.is_open,
            sample_rows=command.sample_rows,
            chunk_rows=self._chunk_sizer.rows_per_chunk(command.sample_rows, SAMPLE_ROW_BYTES),
            spill=self._spill_usage.usage(),
            cache=self._cache.stats(),
        )
