"""MemoryMonitor over psutil: this process's resident set against its budget."""

from __future__ import annotations

import resource
import sys

import psutil

from spacetime_service.adapters.spacetime.cgroup_memory_limit import cgroup_memory_limit
from spacetime_service.domain.memory import MemorySnapshot


class PsutilMemoryMonitor:
    """Usage is the process's RSS, peak the larger of the kernel's high-water mark and the usage now.

    The budget is `limit_bytes` (SPACETIME_MEMORY_LIMIT), lowered to the container's cgroup limit when
    that is tighter; `container_limit_bytes` is read once when the monitor is built (None: none).
    The machine's memory plays no part: other processes' use is not this service's pressure.
    """

    def __init__(self, limit_bytes: int, *, container_limit_bytes: int | None = None) -> None:
        if limit_bytes <= 0:
            raise ValueError("a memory limit must be positive")
        self._limit_bytes = min(limit_bytes, container_limit_bytes or limit_bytes)
        self._process = psutil.Process()

    @classmethod
    def for_this_container(cls, limit_bytes: int) -> PsutilMemoryMonitor:
        return cls(limit_bytes, container_limit_bytes=cgroup_memory_limit())

    def snapshot(self) -> MemorySnapshot:
        used = self._process.memory_info().rss
        return MemorySnapshot(
            used_bytes=used, peak_bytes=max(used, _peak_rss()), limit_bytes=self._limit_bytes
        )


def _peak_rss() -> int:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024  # kilobytes on Linux, bytes on macOS
