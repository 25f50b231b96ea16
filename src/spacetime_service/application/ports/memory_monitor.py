"""Port: the process's memory use against its budget."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from spacetime_service.domain.memory import MemorySnapshot


@runtime_checkable
class MemoryMonitor(Protocol):
    def snapshot(self) -> MemorySnapshot:
        """Usage (resident set) and peak of this process, and its budget: the smaller of the configured
        limit and the container's limit. Cheap enough to call once per chunk."""
