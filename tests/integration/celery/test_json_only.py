"""Messages are JSON only: a worker refuses any other content type, so it never loads a pickle."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from spacetime_service.adapters.celery.app import RUN_JOB_TASK
from spacetime_service.adapters.celery.job_runner import CeleryJobRunner
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.adapters.system.id_generator import UuidIdGenerator
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.celery_workers import WorkerConfig, WorkerProcess
from tests.support.jobs.handlers import SumOfSquaresHandler, expected_sum
from tests.support.jobs.runner_harness import WAIT_SECONDS

if TYPE_CHECKING:
    from sqlalchemy import Engine

pytestmark = pytest.mark.redis


class TouchWhenLoaded:
    """Pickles to a call of Path.touch: loading the pickle, and only that, creates the file."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __reduce__(self) -> tuple[Any, tuple[Path]]:
        return (Path.touch, (self.path,))


def test_the_app_speaks_json_only_and_acknowledges_late(celery_app: Any) -> None:
    conf = celery_app.conf
    assert (conf.accept_content, conf.task_serializer, conf.result_accept_content) == (
        ["json"],
        "json",
        ["json"],
    )
    assert (conf.task_acks_late, conf.task_reject_on_worker_lost, conf.worker_prefetch_multiplier) == (
        True,
        True,
        1,
    )
    assert conf.result_backend is None


def test_a_worker_refuses_a_pickled_message(
    celery_app: Any, sqlite_engine: Engine, redis_url: str, queue: str, tmp_path: Path
) -> None:
    database_url = sqlite_engine.url.render_as_string(hide_password=False)
    worker = WorkerProcess(WorkerConfig(database_url, redis_url, queue, tmp_path), "worker-a")
    try:
        worker.wait_until_ready()
        marker = tmp_path / "loaded-a-pickle"
        celery_app.send_task(RUN_JOB_TASK, args=[TouchWhenLoaded(marker)], queue=queue, serializer="pickle")
        repository = SqlAlchemyJobRepository(sqlite_engine)
        settings = RunnerSettings("api", heartbeat_seconds=5, poll_seconds=5)
        runner = CeleryJobRunner(celery_app, repository, SystemClock(), settings)
        submit = SubmitJob(repository, runner, SystemClock(), UuidIdGenerator(), {SumOfSquaresHandler.kind})
        later = submit.execute(SubmitJobCommand(SumOfSquaresHandler.kind, "alice", {"n": 5, "chunk": 2})).job

        pause = threading.Event()
        for _ in range(int(WAIT_SECONDS / 0.05)):
            ended = repository.get(later.id)
            if ended is not None and ended.status.is_terminal:
                break
            pause.wait(0.05)
        exit_code = worker.stop(WAIT_SECONDS)
    finally:
        worker.kill()

    assert ended is not None
    assert (ended.status, ended.result_ref) == (JobStatus.SUCCEEDED, expected_sum(5))
    assert not marker.exists()
    assert exit_code == 0  # a warm shutdown
    assert "Refusing to deserialize untrusted content of type pickle" in worker.log_path.read_text()
