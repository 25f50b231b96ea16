"""The ETA a bulk update records comes from the executor's average, so SPACETIME_ETA_HALF_LIFE_SECONDS
reaches it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from spacetime_service.application.bulk_updates.handler import BULK_UPDATE_KIND, BulkUpdateHandler
from spacetime_service.application.bulk_updates.job_request import BulkUpdateJobRequest
from spacetime_service.domain.bulk_updates import BulkUpdate, BulkUpdateFilter, MultiplyPrice, Rounding
from spacetime_service.domain.jobs.status import JobStatus
from tests.fakes.batch_unit_of_work import BatchState
from tests.fakes.chunk_sizer import FixedRows
from tests.fakes.jobs import FixedClock
from tests.support.batch_datasets import products
from tests.support.job_driver import JobDriver
from tests.support.timed_units import TimedUnitsOfWork, expected_etas

PRICED = BulkUpdate(
    BulkUpdateFilter(min_price=Decimal("0.01")), MultiplyPrice(Decimal(2), Rounding.HALF_EVEN)
)
CHUNK_SECONDS = (1.0, 6.0, 2.0, 9.0)


def _recorded_etas(half_life_seconds: float) -> list[float | None]:
    state, clock = BatchState(products={p.id: p for p in products(30)}), FixedClock()
    units = TimedUnitsOfWork(state, clock, CHUNK_SECONDS)
    handler = BulkUpdateHandler(units, FixedRows(4), clock, min_chunk_rows=1)
    driver = JobDriver(state.jobs, clock, handler, BULK_UPDATE_KIND, eta_half_life_seconds=half_life_seconds)
    job_id = driver.submit(BulkUpdateJobRequest(PRICED, 30).to_json())

    finished = driver.attempt(job_id)

    assert finished is not None
    assert finished.status is JobStatus.SUCCEEDED
    assert finished.started_at is not None
    recorded = [write.eta_seconds for write in units.written]
    assert len(recorded) == 7  # the 27 priced products in chunks of 4
    assert recorded == pytest.approx(
        expected_etas(units.written, half_life_seconds, started_at=finished.started_at)
    )
    return recorded


def test_the_configured_half_life_shapes_the_recorded_eta() -> None:
    short, long = _recorded_etas(5.0), _recorded_etas(300.0)

    assert short[1:-1] != pytest.approx(long[1:-1])  # uneven chunks: the half-life shows
    assert short[-1] == long[-1] == 0.0
