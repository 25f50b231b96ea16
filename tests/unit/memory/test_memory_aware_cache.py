"""The memory-aware cache: LRU by bytes, copies out, shrinks under pressure, safe across threads."""

from __future__ import annotations

import threading

from spacetime_service.adapters.spacetime.memory_aware_cache import MemoryAwareCache
from spacetime_service.application.ports.cache import Cache
from spacetime_service.domain.memory import MemoryPressure
from tests.fakes.memory import FakeMemoryMonitor

ENTRY = 100 + 1 + 1000  # overhead + a one-letter key + a 1000-byte value


def cache_of(entries: int, monitor: FakeMemoryMonitor | None = None) -> MemoryAwareCache:
    return MemoryAwareCache(entries * ENTRY, monitor or FakeMemoryMonitor())


def test_is_a_cache() -> None:
    assert isinstance(cache_of(1), Cache)


def test_returns_bytes_as_stored_and_json_as_an_equal_copy() -> None:
    cache = cache_of(10)
    cache.put("b", b"\x00raw")
    cache.put("j", {"rows": [1, 2.5, None, "x"]})
    stored = cache.get("j")
    assert cache.get("b") == b"\x00raw"
    assert stored == {"rows": [1, 2.5, None, "x"]}
    assert isinstance(stored, dict)
    stored["rows"] = []
    assert cache.get("j") == {"rows": [1, 2.5, None, "x"]}


def test_evicts_the_least_recently_used_once_full() -> None:
    cache = cache_of(3)
    for key in "abc":
        cache.put(key, b"x" * 1000)
    cache.get("a")
    cache.put("d", b"x" * 1000)
    assert [cache.get(key) is not None for key in "abcd"] == [True, False, True, True]
    assert cache.size_bytes == 3 * ENTRY


def test_replacing_a_key_counts_its_size_once() -> None:
    cache = cache_of(2)
    cache.put("a", b"x" * 1000)
    cache.put("a", b"y" * 1000)
    cache.put("b", b"z" * 1000)
    assert cache.get("a") == b"y" * 1000
    assert cache.size_bytes == 2 * ENTRY


def test_refuses_a_value_larger_than_the_capacity() -> None:
    cache = cache_of(1)
    cache.put("a", b"x" * 5000)
    assert cache.get("a") is None
    assert cache.size_bytes == 0


def test_discard_forgets_and_ignores_absent_keys() -> None:
    cache = cache_of(2)
    cache.put("a", b"x" * 1000)
    cache.discard("a")
    cache.discard("never")
    assert cache.get("a") is None
    assert cache.size_bytes == 0


def test_keeps_a_quarter_of_its_capacity_under_high_pressure() -> None:
    monitor = FakeMemoryMonitor()
    cache = cache_of(8, monitor)
    for key in "abcdefg":
        cache.put(key, b"x" * 1000)
    monitor.set_pressure(MemoryPressure.HIGH)
    cache.put("h", b"x" * 1000)
    assert [key for key in "abcdefgh" if cache.get(key) is not None] == ["g", "h"]


def test_lets_everything_go_at_critical_pressure() -> None:
    monitor = FakeMemoryMonitor()
    cache = cache_of(8, monitor)
    cache.put("a", b"x" * 1000)
    monitor.set_pressure(MemoryPressure.CRITICAL)
    cache.put("b", b"x" * 1000)
    assert (cache.get("a"), cache.get("b"), cache.size_bytes) == (None, None, 0)


def test_size_stays_exact_under_concurrent_use() -> None:
    cache = cache_of(50)

    def work(worker: int) -> None:
        for step in range(2000):
            key = f"{(worker * 7 + step) % 120}"
            if step % 5 == 4:
                cache.discard(key)
            else:
                cache.put(key, b"x" * (step % 900))
                cache.get(key)

    threads = [threading.Thread(target=work, args=(worker,)) for worker in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    values = {key: cache.get(key) for key in map(str, range(120))}
    expected = sum(100 + len(key) + len(value) for key, value in values.items() if isinstance(value, bytes))
    assert cache.size_bytes == expected <= 50 * ENTRY
