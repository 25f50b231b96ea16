"""Port: a bounded cache of small results that gives memory back under pressure."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

JsonValue = None | bool | int | float | str | list["JsonValue"] | dict[str, "JsonValue"]
CacheValue = bytes | JsonValue


@runtime_checkable
class Cache(Protocol):
    def get(self, key: str) -> CacheValue | None:
        """The stored value (an equal copy, safe to change), or None when absent or evicted (so a stored
        JSON null reads as absent)."""

    def put(self, key: str, value: CacheValue) -> None:
        """Stores `value` unless it is larger than the cache allows; may evict older entries."""

    def discard(self, key: str) -> None:
        """Forgets `key`; nothing happens when it is absent."""
