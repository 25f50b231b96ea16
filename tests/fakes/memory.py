"""A settable MemoryMonitor; it passes the same contract suite as PsutilMemoryMonitor."""

from __future__ import annotations

import threading

from spacetime_service.domain.memory import PRESSURE_THRESHOLDS, MemoryPressure, MemorySnapshot

DEFAULT_LIMIT_BYTES = 512 * 10**6


class FakeMemoryMonitor:
    """Reports whatever usage a test sets; the peak follows the highest usage set so far."""

    def __init__(self, *, used_bytes: int = 0, limit_bytes: int = DEFAULT_LIMIT_BYTES) -> None:
        self._limit_bytes = limit_bytes
        self._used_bytes = used_bytes
        self._peak_bytes = used_bytes
        self._lock = threading.Lock()

    def set_used(self, used_bytes: int) -> None:
        with self._lock:
            self._used_bytes = used_bytes
            self._peak_bytes = max(self._peak_bytes, used_bytes)

    def set_pressure(self, level: MemoryPressure) -> None:
        """Sets usage to the lowest that reads as `level`."""
        thresholds = {pressure: share for share, pressure in PRESSURE_THRESHOLDS}
        share = thresholds.get(level, 0.0)
        self.set_used(int(share * self._limit_bytes) + (1 if share else 0))

    def snapshot(self) -> MemorySnapshot:
        with self._lock:
            return MemorySnapshot(
                used_bytes=self._used_bytes, peak_bytes=self._peak_bytes, limit_bytes=self._limit_bytes
            )
