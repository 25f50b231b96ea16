"""BreakerMetrics as Prometheus figures: the state per process (each process has its own breaker)
and the refusals, which add up across workers."""

from __future__ import annotations

from prometheus_client import Counter

from spacetime_service.adapters.prometheus.process_gauge import ProcessGauge

OPEN = ProcessGauge(
    "spacetime_memory_breaker_open", "1 while the memory circuit breaker refuses heavy work, else 0"
)
REFUSALS = Counter(
    "spacetime_memory_breaker_refusals_total", "Heavy work refused because memory pressure was critical"
)


class PrometheusBreakerMetrics:
    def checked(self, *, is_open: bool) -> None:
        OPEN.set(1 if is_open else 0)

    def refused(self) -> None:
        REFUSALS.inc()
