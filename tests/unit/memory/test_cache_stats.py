"""The memory-aware cache counts hits, misses and evictions, and tells its metrics as it goes."""

from __future__ import annotations

import pytest

from spacetime_service.adapters.spacetime.memory_aware_cache import MemoryAwareCache
from spacetime_service.application.memory.guard import MemoryGuard
from spacetime_service.application.ports.cache import CacheStats
from spacetime_service.domain.errors import Unavailable
from spacetime_service.domain.memory import MemoryPressure
from tests.fakes.memory import FakeMemoryMonitor
from tests.fakes.metrics import RecordingBreakerMetrics, RecordingCacheMetrics

ENTRY = 100 + 1 + 1000  # overhead + a one-letter key + a 1000-byte value


def test_hits_misses_and_evictions_are_counted_and_reported() -> None:
    metrics = RecordingCacheMetrics()
    cache = MemoryAwareCache(2 * ENTRY, FakeMemoryMonitor(), metrics)
    cache.put("a", b"x" * 1000)
    cache.put("b", b"x" * 1000)
    assert cache.get("a") is not None
    assert cache.get("z") is None
    cache.put("c", b"x" * 1000)  # evicts b, the least recently used
    assert cache.get("b") is None
    assert cache.stats() == CacheStats(
        hits=1, misses=2, evictions=1, entries=2, size_bytes=2 * ENTRY, capacity_bytes=2 * ENTRY
    )
    assert (metrics.hits, metrics.misses, metrics.evictions) == (1, 2, 1)
    assert metrics.sizes[-1] == (2 * ENTRY, 2)


def test_pressure_evictions_count_and_a_discard_does_not() -> None:
    monitor = FakeMemoryMonitor()
    cache = MemoryAwareCache(4 * ENTRY, monitor, RecordingCacheMetrics())
    for key in "abc":
        cache.put(key, b"x" * 1000)
    cache.discard("a")
    monitor.set_pressure(MemoryPressure.CRITICAL)
    cache.put("d", b"x" * 1000)  # at critical the cache keeps nothing
    stats = cache.stats()
    assert (stats.evictions, stats.entries, stats.size_bytes) == (2, 0, 0)


def test_the_breaker_reports_its_state_and_each_refusal() -> None:
    monitor, metrics = FakeMemoryMonitor(), RecordingBreakerMetrics()
    guard = MemoryGuard(monitor, metrics=metrics)
    guard.admit_heavy_job()
    monitor.set_pressure(MemoryPressure.CRITICAL)
    for _ in range(2):
        with pytest.raises(Unavailable):
            guard.admit_heavy_job()
    assert metrics.states == [False, True, True]
    assert metrics.refusals == 2
