"""The ETA an import records comes from the executor's average, so SPACETIME_ETA_HALF_LIFE_SECONDS
reaches it."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

import pytest

from spacetime_service.domain.jobs.status import JobStatus
from tests.support.timed_units import TimedUnitsOfWork, expected_etas
from tests.unit.imports.world import ImportWorld, csv_upload

if TYPE_CHECKING:
    from pathlib import Path

ROWS = [(f"NEW-{i:04d}", f"imported {i}", "home", f"{i}.00", i) for i in range(1, 31)]
CHUNK_SECONDS = (1.0, 6.0, 2.0, 9.0)


def _recorded_etas(tmp_path: Path, half_life_seconds: float) -> list[float | None]:
    world = ImportWorld(tmp_path)
    job_id = world.upload(csv_upload(ROWS)).job.id
    units = TimedUnitsOfWork(world.state, world.clock, CHUNK_SECONDS)
    driver = dataclasses.replace(world.driver(units), eta_half_life_seconds=half_life_seconds)

    finished = driver.attempt(job_id)

    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    assert finished.started_at is not None
    recorded = [write.eta_seconds for write in units.written]
    assert len(recorded) == 8  # 30 rows in chunks of 4
    assert recorded == pytest.approx(
        expected_etas(units.written, half_life_seconds, started_at=finished.started_at)
    )
    return recorded


def test_the_configured_half_life_shapes_the_recorded_eta(tmp_path: Path) -> None:
    short, long = _recorded_etas(tmp_path / "short", 5.0), _recorded_etas(tmp_path / "long", 300.0)

    assert short[1:-1] != pytest.approx(long[1:-1])  # uneven chunks: the half-life shows
    assert short[-1] == long[-1] == 0.0
