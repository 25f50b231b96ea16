"""Cache adapter: an in-process LRU bounded by bytes that shrinks under memory pressure."""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

import orjson

from spacetime_service.application.ports.cache import CacheStats
from spacetime_service.domain.memory import MemoryPressure

if TYPE_CHECKING:
    from spacetime_service.application.ports.cache import CacheValue
    from spacetime_service.application.ports.cache_metrics import CacheMetrics
    from spacetime_service.application.ports.memory_monitor import MemoryMonitor

# Share of the capacity the cache may keep at each pressure level: at critical it lets everything go.
_CAPACITY_SHARE = {
    MemoryPressure.NORMAL: 1.0,
    MemoryPressure.ELEVATED: 0.5,
    MemoryPressure.HIGH: 0.25,
    MemoryPressure.CRITICAL: 0.0,
}
_ENTRY_OVERHEAD_BYTES = 100  # the dict slot, the tuple and the bytes object headers, roughly


class MemoryAwareCache:
    """Least recently used entries go first once the entries' size passes the capacity, which is
    `capacity_bytes` scaled down by pressure (see _CAPACITY_SHARE).

    Values are stored encoded (bytes as they are, anything else as JSON), so an entry's size is the
    length of its encoding, and what `get` returns is a fresh copy that callers may change. Pressure is
    read on every `put`, the only moment the cache grows. Safe to share between threads.

    Hits, misses and evictions are counted for `stats`, and told to `metrics` as they happen.
    """

    def __init__(
        self, capacity_bytes: int, monitor: MemoryMonitor, metrics: CacheMetrics | None = None
    ) -> None:
        self._capacity_bytes = capacity_bytes
        self._monitor = monitor
        self._metrics = metrics
        self._entries: OrderedDict[str, tuple[bool, bytes]] = OrderedDict()
        self._size_bytes = 0
        self._hits = self._misses = self._evictions = 0
        self._lock = threading.Lock()

    @property
    def size_bytes(self) -> int:
        """What the entries take now, by the cache's own estimate."""
        return self._size_bytes

    def get(self, key: str) -> CacheValue | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                self._misses += 1
            else:
                self._hits += 1
                self._entries.move_to_end(key)
        if self._metrics is not None:
            self._metrics.looked_up(hit=entry is not None)
        if entry is None:
            return None
        is_json, payload = entry
        return orjson.loads(payload) if is_json else payload

    def put(self, key: str, value: CacheValue) -> None:
        is_json, payload = (False, value) if isinstance(value, bytes) else (True, orjson.dumps(value))
        capacity = int(self._capacity_bytes * _CAPACITY_SHARE[self._monitor.snapshot().pressure])
        with self._lock:
            self._remove(key)
            if _entry_bytes(key, payload) <= capacity:
                self._entries[key] = (is_json, payload)
                self._size_bytes += _entry_bytes(key, payload)
            evicted = self._evict_to(capacity)
            self._evictions += evicted
            size, entries = self._size_bytes, len(self._entries)
        if self._metrics is not None:
            if evicted:
                self._metrics.evicted(evicted)
            self._metrics.resized(size, entries)

    def discard(self, key: str) -> None:
        with self._lock:
            self._remove(key)
            size, entries = self._size_bytes, len(self._entries)
        if self._metrics is not None:
            self._metrics.resized(size, entries)

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(
                hits=self._hits,
                misses=self._misses,
                evictions=self._evictions,
                entries=len(self._entries),
                size_bytes=self._size_bytes,
                capacity_bytes=self._capacity_bytes,
            )

    def _remove(self, key: str) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self._size_bytes -= _entry_bytes(key, entry[1])

    def _evict_to(self, capacity: int) -> int:
        """Drops the least recently used entries until the rest fit; returns how many went."""
        evicted = 0
        while self._size_bytes > capacity:
            key, (_, payload) = self._entries.popitem(last=False)
            self._size_bytes -= _entry_bytes(key, payload)
            evicted += 1
        return evicted


def _entry_bytes(key: str, payload: bytes) -> int:
    return len(key) + len(payload) + _ENTRY_OVERHEAD_BYTES
