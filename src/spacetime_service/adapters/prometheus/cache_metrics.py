"""CacheMetrics as Prometheus figures: counters that add up across workers, sizes per process."""

from __future__ import annotations

from prometheus_client import Counter

from spacetime_service.adapters.prometheus.process_gauge import ProcessGauge

HITS = Counter("spacetime_cache_hits_total", "Result cache lookups that found their key")
MISSES = Counter("spacetime_cache_misses_total", "Result cache lookups that did not")
EVICTIONS = Counter("spacetime_cache_evictions_total", "Result cache entries dropped to make room")
SIZE = ProcessGauge("spacetime_cache_size_bytes", "What the result cache of the process holds")
ENTRIES = ProcessGauge("spacetime_cache_entries", "Entries in the result cache of the process")


class PrometheusCacheMetrics:
    def looked_up(self, *, hit: bool) -> None:
        (HITS if hit else MISSES).inc()

    def evicted(self, entries: int) -> None:
        EVICTIONS.inc(entries)

    def resized(self, size_bytes: int, entries: int) -> None:
        SIZE.set(size_bytes)
        ENTRIES.set(entries)
