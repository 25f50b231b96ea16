"""The memory circuit breaker in front of heavy jobs."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import Unavailable
from spacetime_service.domain.memory import MemoryPressure

if TYPE_CHECKING:
    from spacetime_service.application.ports.breaker_metrics import BreakerMetrics
    from spacetime_service.application.ports.memory_monitor import MemoryMonitor


class MemoryGuard:
    """Refuses new heavy jobs while memory is critical.

    The breaker opens when pressure reaches CRITICAL and closes again only once it falls below HIGH, so
    that usage hovering around the critical threshold does not admit and refuse jobs in turn. Jobs that
    are already running are not touched. Every check tells `metrics` the state, and every refusal.
    """

    def __init__(
        self,
        monitor: MemoryMonitor,
        *,
        retry_after_seconds: int = 5,
        metrics: BreakerMetrics | None = None,
    ) -> None:
        self._monitor = monitor
        self._metrics = metrics
        self._retry_after_seconds = retry_after_seconds
        self._open = False
        self._lock = threading.Lock()

    @property
    def is_open(self) -> bool:
        """True while heavy jobs are refused (as of the last check)."""
        return self._open

    def admit_heavy_job(self) -> None:
        """Returns when a heavy job may start; raises Unavailable (with a retry delay) otherwise."""
        snapshot = self._monitor.snapshot()
        with self._lock:
            if snapshot.pressure is MemoryPressure.CRITICAL:
                self._open = True
            elif not snapshot.pressure.at_least(MemoryPressure.HIGH):
                self._open = False
            refused = self._open
        if self._metrics is not None:
            self._metrics.checked(is_open=refused)
            if refused:
                self._metrics.refused()
        if refused:
            raise Unavailable(
                f"memory pressure is {snapshot.pressure}: {snapshot.used_bytes} of "
                f"{snapshot.limit_bytes} bytes in use; try again later",
                retry_after_seconds=self._retry_after_seconds,
            )
