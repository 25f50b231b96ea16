"""The pressure rule and the snapshot's derived figures."""

from __future__ import annotations

import pytest

from spacetime_service.domain.memory import MemoryPressure, MemorySnapshot, pressure_for


@pytest.mark.parametrize(
    ("used", "expected"),
    [
        (0, MemoryPressure.NORMAL),
        (699, MemoryPressure.NORMAL),
        (700, MemoryPressure.ELEVATED),
        (849, MemoryPressure.ELEVATED),
        (850, MemoryPressure.HIGH),
        (949, MemoryPressure.HIGH),
        (950, MemoryPressure.CRITICAL),
        (5000, MemoryPressure.CRITICAL),
    ],
)
def test_pressure_starts_at_70_85_and_95_percent_of_the_limit(used: int, expected: MemoryPressure) -> None:
    assert pressure_for(used, 1000) is expected


def test_levels_are_ordered_from_normal_to_critical() -> None:
    assert MemoryPressure.CRITICAL.at_least(MemoryPressure.HIGH)
    assert MemoryPressure.HIGH.at_least(MemoryPressure.HIGH)
    assert not MemoryPressure.ELEVATED.at_least(MemoryPressure.HIGH)
    assert [level.rank for level in MemoryPressure] == [0, 1, 2, 3]


def test_available_is_what_is_left_of_the_limit_and_never_negative() -> None:
    assert MemorySnapshot(used_bytes=300, peak_bytes=400, limit_bytes=1000).available_bytes == 700
    assert MemorySnapshot(used_bytes=1300, peak_bytes=1300, limit_bytes=1000).available_bytes == 0


def test_snapshot_pressure_follows_its_usage() -> None:
    assert (
        MemorySnapshot(used_bytes=960, peak_bytes=960, limit_bytes=1000).pressure is MemoryPressure.CRITICAL
    )


@pytest.mark.parametrize("limit", [0, -1])
def test_a_limit_must_be_positive(limit: int) -> None:
    with pytest.raises(ValueError, match="positive"):
        MemorySnapshot(used_bytes=1, peak_bytes=1, limit_bytes=limit)
    with pytest.raises(ValueError, match="positive"):
        pressure_for(1, limit)
