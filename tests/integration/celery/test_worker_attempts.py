"""What a worker does with a message: claim the job it names (fenced) and run it, or do nothing."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.celery.worker_attempts import JobHandedBack, WorkerAttempts
from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from spacetime_service.domain.jobs.status import JobStatus
from tests.fakes.jobs import FakeJobRepository, FixedClock
from tests.support.jobs.builders import LEASE_SECONDS, new_job
from tests.support.jobs.handlers import EndlessHandler, SumOfSquaresHandler, expected_sum
from tests.support.jobs.runner_harness import WAIT_SECONDS

if TYPE_CHECKING:
    from spacetime_service.application.jobs.handler import JobHandler
    from spacetime_service.domain.jobs.json_value import JsonObject


class Worker:
    def __init__(self) -> None:
        self.repository = FakeJobRepository()
        self.clock = FixedClock()
        self.endless = EndlessHandler()
        handlers: dict[str, JobHandler] = {"sum_of_squares": SumOfSquaresHandler(), "endless": self.endless}
        executor = JobExecutor(self.repository, handlers, self.clock)
        settings = RunnerSettings("worker-a", lease_seconds=LEASE_SECONDS, heartbeat_seconds=5)
        self.attempts = WorkerAttempts(self.repository, executor, self.clock, settings)

    def run_in_thread(self, job_id: str) -> list[BaseException]:
        """Runs the message on a thread of its own, as a pool does; the list receives what it raised."""
        raised: list[BaseException] = []

        def task() -> None:
            try:
                self.attempts.run(job_id)
            except JobHandedBack as error:
                raised.append(error)

        self.task = threading.Thread(target=task)
        self.task.start()
        return raised

    def queued(self, kind: str, request: JsonObject | None = None) -> str:
        job = new_job(kind=kind, request={"n": 10, "chunk": 3} if request is None else request)
        return self.repository.create(job).job.id


def test_a_message_runs_the_job_it_names() -> None:
    worker = Worker()
    job_id = worker.queued("sum_of_squares")

    ended = worker.attempts.run(job_id)

    assert ended is not None
    assert (ended.status, ended.result_ref, ended.attempt) == (JobStatus.SUCCEEDED, expected_sum(10), 1)


def test_a_repeated_message_of_a_finished_job_changes_nothing() -> None:
    worker = Worker()
    job_id = worker.queued("sum_of_squares")
    finished = worker.attempts.run(job_id)

    assert worker.attempts.run(job_id) is None
    assert worker.repository.get(job_id) == finished


def test_a_message_of_a_job_under_a_live_lease_changes_nothing() -> None:
    worker = Worker()
    job_id = worker.queued("sum_of_squares")
    held = worker.repository.claim("worker-b", worker.clock.now(), LEASE_SECONDS, job_id=job_id)

    assert worker.attempts.run(job_id) is None
    assert worker.repository.get(job_id) == held


def test_a_job_of_a_kind_the_worker_cannot_run_stays_queued() -> None:
    worker = Worker()
    job_id = worker.queued("train_model", {})

    assert worker.attempts.run(job_id) is None
    stays = worker.repository.get(job_id)
    assert stays is not None
    assert (stays.status, stays.attempt) == (JobStatus.QUEUED, 0)


def test_a_stopping_worker_hands_its_running_job_back_with_its_checkpoint_and_message() -> None:
    worker = Worker()
    job_id = worker.queued("endless", {})
    raised = worker.run_in_thread(job_id)
    assert worker.endless.started.wait(WAIT_SECONDS)

    worker.attempts.suspend_all()
    worker.task.join(WAIT_SECONDS)

    assert [type(error) for error in raised] == [JobHandedBack]  # the task puts its message back

    handed_back = worker.repository.get(job_id)
    assert handed_back is not None
    assert (handed_back.status, handed_back.lease) == (JobStatus.QUEUED, None)
    assert handed_back.checkpoint == {"chunks": handed_back.progress.done}
    assert worker.attempts.running_job_ids() == frozenset()


def test_a_stopping_worker_claims_nothing_more_and_hands_the_message_back() -> None:
    worker = Worker()
    job_id = worker.queued("sum_of_squares")
    worker.attempts.suspend_all()

    with pytest.raises(JobHandedBack):
        worker.attempts.run(job_id)
    stays = worker.repository.get(job_id)
    assert stays is not None
    assert (stays.status, stays.attempt) == (JobStatus.QUEUED, 0)
