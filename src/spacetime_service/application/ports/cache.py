"""Port: a bounded cache of small results that gives memory back under pressure."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]
CacheValue = bytes | JsonValue


@dataclass(frozen=True, slots=True)
class CacheStats:
    """Lookups that found their key (hits) or not (misses) and entries dropped to make room
    (evictions), since the process started; what the cache holds now, and the most it may hold at
    normal pressure."""

    hits: int
    misses: int
    evictions: int
    entries: int
    size_bytes: int
    capacity_bytes: int


@runtime_checkable
class Cache(Protocol):
    def get(self, key: str) -> CacheValue | None:
        """The stored value (an equal copy, safe to change), or None when absent or evicted (so a stored
        JSON null reads as absent)."""

    def put(self, key: str, value: CacheValue) -> None:
        """Stores `value` unless it is larger than the cache allows; may evict older entries."""

    def discard(self, key: str) -> None:
        """Forgets `key`; nothing happens when it is absent."""

    def stats(self) -> CacheStats:
        """The counts so far and the size now."""
