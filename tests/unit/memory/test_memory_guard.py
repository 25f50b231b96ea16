"""The circuit breaker: open at critical, closed again only below high."""

from __future__ import annotations

import pytest

from spacetime_service.application.memory.guard import MemoryGuard
from spacetime_service.domain.errors import Unavailable
from spacetime_service.domain.memory import MemoryPressure
from tests.fakes.memory import FakeMemoryMonitor


def guard_at(level: MemoryPressure) -> tuple[MemoryGuard, FakeMemoryMonitor]:
    monitor = FakeMemoryMonitor()
    monitor.set_pressure(level)
    return MemoryGuard(monitor, retry_after_seconds=7), monitor


@pytest.mark.parametrize("level", [MemoryPressure.NORMAL, MemoryPressure.ELEVATED, MemoryPressure.HIGH])
def test_admits_heavy_jobs_below_critical(level: MemoryPressure) -> None:
    guard, _ = guard_at(level)
    guard.admit_heavy_job()
    assert not guard.is_open


def test_refuses_at_critical_with_a_retry_delay() -> None:
    guard, _ = guard_at(MemoryPressure.CRITICAL)
    with pytest.raises(Unavailable, match="critical") as refused:
        guard.admit_heavy_job()
    assert refused.value.retry_after_seconds == 7
    assert guard.is_open


def test_stays_open_while_pressure_is_only_down_to_high() -> None:
    guard, monitor = guard_at(MemoryPressure.CRITICAL)
    with pytest.raises(Unavailable):
        guard.admit_heavy_job()
    monitor.set_pressure(MemoryPressure.HIGH)
    with pytest.raises(Unavailable, match="high"):
        guard.admit_heavy_job()


def test_closes_once_pressure_falls_below_high() -> None:
    guard, monitor = guard_at(MemoryPressure.CRITICAL)
    with pytest.raises(Unavailable):
        guard.admit_heavy_job()
    monitor.set_pressure(MemoryPressure.ELEVATED)
    guard.admit_heavy_job()
    assert not guard.is_open
    monitor.set_pressure(MemoryPressure.HIGH)
    guard.admit_heavy_job()  # high alone does not open it
