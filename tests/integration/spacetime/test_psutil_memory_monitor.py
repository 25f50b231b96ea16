"""PsutilMemoryMonitor measures this process, not the machine."""

from __future__ import annotations

import psutil

from spacetime_service.adapters.spacetime.cgroup_memory_limit import cgroup_memory_limit
from spacetime_service.adapters.spacetime.psutil_memory_monitor import PsutilMemoryMonitor
from spacetime_service.domain.memory import MemoryPressure

MIB = 2**20


def test_usage_follows_what_this_process_allocates() -> None:
    monitor = PsutilMemoryMonitor(8 * 2**30)
    before = monitor.snapshot()
    block = b"x" * (64 * MIB)  # written byte by byte, so every page is resident
    after = monitor.snapshot()
    assert after.used_bytes - before.used_bytes >= 60 * MIB
    assert after.peak_bytes >= after.used_bytes
    del block


def test_a_budget_well_above_this_process_is_no_pressure_whatever_the_machine_uses() -> None:
    # A monitor of the machine reads CRITICAL here as soon as the machine uses four times this process.
    monitor = PsutilMemoryMonitor(psutil.Process().memory_info().rss * 4)
    assert monitor.snapshot().pressure is MemoryPressure.NORMAL


def test_the_container_limit_lowers_the_budget_but_never_raises_it() -> None:
    assert PsutilMemoryMonitor(10**9, container_limit_bytes=10**8).snapshot().limit_bytes == 10**8
    assert PsutilMemoryMonitor(10**9, container_limit_bytes=10**10).snapshot().limit_bytes == 10**9
    assert PsutilMemoryMonitor(10**9).snapshot().limit_bytes == 10**9


def test_for_this_container_takes_the_container_limit_into_account() -> None:
    container = cgroup_memory_limit()
    expected = 10**15 if container is None else min(container, 10**15)
    assert PsutilMemoryMonitor.for_this_container(10**15).snapshot().limit_bytes == expected
