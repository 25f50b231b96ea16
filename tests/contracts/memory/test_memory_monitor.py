"""Contract of MemoryMonitor, run against PsutilMemoryMonitor and the fake."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.spacetime.psutil_memory_monitor import PsutilMemoryMonitor
from spacetime_service.application.ports.memory_monitor import MemoryMonitor
from spacetime_service.domain.memory import pressure_for
from tests.fakes.memory import FakeMemoryMonitor

if TYPE_CHECKING:
    from collections.abc import Callable

LIMIT = 8 * 2**30

MONITORS: dict[str, Callable[[int], MemoryMonitor]] = {
    "psutil": PsutilMemoryMonitor,
    "psutil-in-a-smaller-container": lambda limit: PsutilMemoryMonitor(
        limit * 4, container_limit_bytes=limit
    ),
    "fake": lambda limit: FakeMemoryMonitor(used_bytes=50 * 2**20, limit_bytes=limit),
}


@pytest.fixture(params=sorted(MONITORS))
def monitor(request: pytest.FixtureRequest) -> MemoryMonitor:
    return MONITORS[request.param](LIMIT)


def test_is_a_memory_monitor(monitor: MemoryMonitor) -> None:
    assert isinstance(monitor, MemoryMonitor)


def test_budget_is_the_tighter_limit(monitor: MemoryMonitor) -> None:
    assert monitor.snapshot().limit_bytes == LIMIT


def test_usage_is_positive_and_within_the_peak(monitor: MemoryMonitor) -> None:
    snapshot = monitor.snapshot()
    assert 0 < snapshot.used_bytes <= snapshot.peak_bytes


def test_available_and_pressure_follow_usage_and_budget(monitor: MemoryMonitor) -> None:
    snapshot = monitor.snapshot()
    assert snapshot.available_bytes == max(0, LIMIT - snapshot.used_bytes)
    assert snapshot.pressure is pressure_for(snapshot.used_bytes, LIMIT)


def test_the_peak_never_goes_down(monitor: MemoryMonitor) -> None:
    peaks = [monitor.snapshot().peak_bytes for _ in range(3)]
    assert peaks == sorted(peaks)
