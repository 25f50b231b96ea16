"""What the JobRunner contract suite needs from each runner: stores it can inspect, a clock it can move,
and runners it can start for a worker id, running the handlers of `handlers.py` by kind."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import TYPE_CHECKING, Protocol

import pytest

from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.in_process_runner import InProcessJobRunner
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from tests.fakes.jobs import FakeJobRepository, FixedClock, SequentialIds
from tests.support.jobs.handlers import EndlessHandler, FailingHandler, SumOfSquaresHandler

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from spacetime_service.application.jobs.handler import JobHandler
    from spacetime_service.application.ports.job_runner import JobRunner
    from spacetime_service.domain.jobs.job import Job
    from spacetime_service.domain.jobs.json_value import JsonObject

KINDS = frozenset({SumOfSquaresHandler.kind, FailingHandler.kind, EndlessHandler.kind})
WAIT_SECONDS = 30.0


class RunnerHarness(Protocol):
    repository: FakeJobRepository
    clock: FixedClock

    def start_runner(self, worker_id: str) -> JobRunner:
        """A started runner of the contract kinds; the harness shuts it down at the end of the test."""

    def submit(self, kind: str, request: JsonObject, runner: JobRunner) -> Job: ...


class InProcessRunnerHarness:
    def __init__(self) -> None:
        self.repository = FakeJobRepository()
        self.clock = FixedClock()
        self._ids = SequentialIds()
        self.runners: list[JobRunner] = []

    def start_runner(self, worker_id: str) -> JobRunner:
        handlers: dict[str, JobHandler] = {
            "sum_of_squares": SumOfSquaresHandler(),
            "failing": FailingHandler(),
            "endless": EndlessHandler(),
        }
        executor = JobExecutor(self.repository, handlers, self.clock)
        settings = RunnerSettings(worker_id, max_concurrent_jobs=2, heartbeat_seconds=5, poll_seconds=0.05)
        runner = InProcessJobRunner(self.repository, executor, self.clock, settings)
        runner.start()
        self.runners.append(runner)
        return runner

    def submit(self, kind: str, request: JsonObject, runner: JobRunner) -> Job:
        use_case = SubmitJob(self.repository, runner, self.clock, self._ids, KINDS)
        return use_case.execute(SubmitJobCommand(kind, "alice", request)).job


@contextmanager
def in_process_runner(request: pytest.FixtureRequest) -> Iterator[RunnerHarness]:
    harness = InProcessRunnerHarness()
    try:
        yield harness
    finally:
        for runner in harness.runners:
            runner.shutdown(WAIT_SECONDS)


def wait_for(harness: RunnerHarness, job_id: str, condition: Callable[[Job], bool]) -> Job:
    """Polls the record until `condition` holds; fails after WAIT_SECONDS (a bound, not a measurement)."""
    pause = threading.Event()
    for _ in range(int(WAIT_SECONDS / 0.01)):
        job = harness.repository.get(job_id)
        if job is not None and condition(job):
            return job
        pause.wait(0.01)
    pytest.fail(f"job {job_id} never reached the expected state: {harness.repository.get(job_id)}")


def has_ended(job: Job) -> bool:
    return job.status.is_terminal
