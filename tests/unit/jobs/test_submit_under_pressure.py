"""Job submission sheds new work while memory pressure is critical."""

from __future__ import annotations

import uuid

import pytest

from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from spacetime_service.application.memory.guard import MemoryGuard
from spacetime_service.domain.errors import Unavailable
from spacetime_service.domain.memory import MemoryPressure
from tests.fakes.jobs import FakeJobRepository, FixedClock, RecordingJobRunner, SequentialIds
from tests.fakes.memory import FakeMemoryMonitor


def _submit_job(monitor: FakeMemoryMonitor) -> tuple[SubmitJob, FakeJobRepository]:
    repository = FakeJobRepository()
    use_case = SubmitJob(
        repository,
        RecordingJobRunner(),
        FixedClock(),
        SequentialIds(),
        {"report"},
        guard=MemoryGuard(monitor),
    )
    return use_case, repository


def test_a_submission_under_critical_pressure_is_refused_and_records_nothing() -> None:
    monitor = FakeMemoryMonitor()
    monitor.set_pressure(MemoryPressure.CRITICAL)
    use_case, repository = _submit_job(monitor)
    with pytest.raises(Unavailable) as refused:
        use_case.execute(SubmitJobCommand("report", "someone", {"n": 1}))
    assert refused.value.retry_after_seconds > 0
    assert repository.get(str(uuid.UUID(int=1))) is None  # the id the first submission would have had


def test_submissions_are_taken_again_once_pressure_falls() -> None:
    monitor = FakeMemoryMonitor()
    monitor.set_pressure(MemoryPressure.CRITICAL)
    use_case, _ = _submit_job(monitor)
    with pytest.raises(Unavailable):
        use_case.execute(SubmitJobCommand("report", "someone", {"n": 1}))
    monitor.set_pressure(MemoryPressure.NORMAL)
    assert use_case.execute(SubmitJobCommand("report", "someone", {"n": 1})).created
