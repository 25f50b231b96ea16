"""The jobs container picks its adapters from JobSettings and runs a submitted job end to end."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from dependency_injector import providers

from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.application.jobs.get_job import GetJobCommand
from spacetime_service.application.jobs.in_process_runner import InProcessJobRunner
from spacetime_service.application.jobs.submit_job import SubmitJobCommand
from spacetime_service.application.memory.guard import MemoryGuard
from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.bootstrap.containers.jobs import JobsContainer
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.domain.jobs.status import JobStatus
from tests.fakes.memory import FakeMemoryMonitor
from tests.support.jobs.handlers import SumOfSquaresHandler, expected_sum
from tests.support.jobs.runner_harness import WAIT_SECONDS
from tests.support.jobs.sql_databases import job_database

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine

    from spacetime_service.domain.jobs.job import Job


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    with job_database(request, "sqlite") as engine:
        yield engine


def _container(engine: Engine, settings: JobSettings) -> JobsContainer:
    return JobsContainer(
        settings=settings,
        # One engine for both pools: requests' and the runners'.
        database=providers.DependenciesContainer(
            engine=providers.Object(engine), job_engine=providers.Object(engine)
        ),
        cursor_codec=CursorCodec(b"secret"),
        clock=SystemClock(),
        handlers=providers.Dict({SumOfSquaresHandler.kind: SumOfSquaresHandler()}),
        memory=providers.DependenciesContainer(guard=providers.Object(MemoryGuard(FakeMemoryMonitor()))),
    )


def test_heartbeats_must_come_twice_per_lease() -> None:
    with pytest.raises(ValueError, match="HEARTBEAT"):
        JobSettings(lease_seconds=10, heartbeat_seconds=6)


def test_a_submitted_job_runs_to_success_through_the_container(engine: Engine) -> None:
    settings = JobSettings(worker_id="api-1", poll_seconds=0.05, heartbeat_seconds=5)
    container = _container(engine, settings)
    runner = container.runner()
    assert isinstance(runner, InProcessJobRunner)
    runner.start()
    try:
        submitted = container.submit_job().execute(
            SubmitJobCommand(SumOfSquaresHandler.kind, "alice", {"n": 30, "chunk": 4})
        )
        ended = _wait_until_ended(container, submitted.job.id)
    finally:
        runner.shutdown(WAIT_SECONDS)

    assert (ended.status, ended.result_ref) == (JobStatus.SUCCEEDED, expected_sum(30))
    assert ended.lease is None


def _wait_until_ended(container: JobsContainer, job_id: str) -> Job:
    pause = threading.Event()
    for _ in range(int(WAIT_SECONDS / 0.01)):
        job = container.get_job().execute(GetJobCommand(job_id))
        if job.status.is_terminal:
            return job
        pause.wait(0.01)
    pytest.fail(f"job {job_id} did not end")
