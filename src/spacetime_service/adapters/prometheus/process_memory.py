"""The process's memory against its budget, as per-process gauges (see ProcessGauge)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.adapters.prometheus.process_gauge import ProcessGauge
from spacetime_service.domain.memory import MemoryPressure

if TYPE_CHECKING:
    from spacetime_service.domain.memory import MemorySnapshot

_PRESSURE_HELP = "Memory pressure: " + ", ".join(f"{level.rank} {level.value}" for level in MemoryPressure)

USED = ProcessGauge("spacetime_memory_used_bytes", "Resident memory of the process")
PEAK = ProcessGauge("spacetime_memory_peak_bytes", "Highest resident memory of the process")
LIMIT = ProcessGauge("spacetime_memory_limit_bytes", "The memory budget in force")
PRESSURE = ProcessGauge("spacetime_memory_pressure_level", _PRESSURE_HELP)
# The name an earlier version exposed, which existing dashboards scrape: the same resident memory.
USAGE = ProcessGauge("spacetime_memory_usage_bytes", "Resident memory of the process (as used_bytes)")


class ProcessMemoryGauges:
    """Called with a fresh snapshot when the process answers a scrape and after each request, so a
    worker that did not answer the scrape shows its memory as of its last request."""

    def record(self, snapshot: MemorySnapshot) -> None:
        USED.set(snapshot.used_bytes)
        USAGE.set(snapshot.used_bytes)
        PEAK.set(snapshot.peak_bytes)
        LIMIT.set(snapshot.limit_bytes)
        PRESSURE.set(snapshot.pressure.rank)
