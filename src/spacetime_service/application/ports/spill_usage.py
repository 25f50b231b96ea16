"""Port: how much disk the spill files of running operations take now."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class DiskUsage:
    files: int
    bytes: int


@runtime_checkable
class SpillUsage(Protocol):
    def usage(self) -> DiskUsage:
        """Files and bytes under the spill storage; zero when it does not exist yet."""
