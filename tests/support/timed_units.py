"""Fake batch units of work whose chunks take known, uneven times, and which keep what each commit wrote
on the job record, so that a test can check the ETA a handler recorded against the configured half-life.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.jobs.eta import ThroughputEstimate
from tests.fakes.batch_unit_of_work import BatchState, FakeBatchUnitOfWork

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from spacetime_service.domain.jobs.progress import Progress
    from tests.fakes.jobs import FixedClock


@dataclass(frozen=True, slots=True)
class RecordedWrite:
    progress: Progress
    eta_seconds: float | None
    at: datetime


class TimedUnitsOfWork:
    """A factory of units of work: each one opens the next of `seconds` later on `clock` (cycling), and
    the job-record writes of every commit are appended to `written`."""

    def __init__(self, state: BatchState, clock: FixedClock, seconds: Sequence[float]) -> None:
        self._state = state
        self._clock = clock
        self._seconds = itertools.cycle(seconds)
        self.written: list[RecordedWrite] = []

    def __call__(self) -> FakeBatchUnitOfWork:
        self._clock.advance(next(self._seconds))
        return _RecordingUnitOfWork(self._state, self.written)


class _RecordingUnitOfWork(FakeBatchUnitOfWork):
    def __init__(self, state: BatchState, written: list[RecordedWrite]) -> None:
        super().__init__(state)
        self._written = written

    def commit(self) -> None:
        staged = [RecordedWrite(p, eta, now) for _, _, p, eta, _, now in self._staged_jobs.staged]
        super().commit()
        self._written.extend(staged)


def expected_etas(
    written: Sequence[RecordedWrite], half_life_seconds: float, *, started_at: datetime, done_before: int = 0
) -> list[float | None]:
    """The ETAs an attempt that started at `started_at` from `done_before` units shows after each of
    `written`, by the average with this half-life."""
    estimate = ThroughputEstimate(half_life_seconds).observe(done_before, started_at)
    etas: list[float | None] = []
    for write in written:
        estimate = estimate.observe(write.progress.done, write.at)
        etas.append(estimate.eta_seconds(write.progress))
    return etas
