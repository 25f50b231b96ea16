"""The Celery runner in the JobRunner contract suite: real Redis, real worker processes, a real database.

A contract "runner" for a worker id is the pair that runs jobs in production: a CeleryJobRunner in
this process (it sends the messages and sweeps stranded jobs) and a `spacetime worker` process with
that worker id (it claims and runs them). Its shutdown ends the sweep and stops the worker with
SIGTERM, which hands the worker's running jobs back to the queue. Each test has its own queue.
"""

from __future__ import annotations

import uuid
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

import redis

from spacetime_service.adapters.celery.app import create_celery_app
from spacetime_service.adapters.celery.job_runner import CeleryJobRunner
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from tests.support.jobs.celery_workers import WorkerConfig, WorkerProcess
from tests.support.jobs.real_adapters import SqlRunnerHarness
from tests.support.jobs.runner_harness import WAIT_SECONDS
from tests.support.jobs.sql_databases import job_database

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    import pytest
    from sqlalchemy import Engine

    from spacetime_service.application.ports.job_runner import JobRunner


class WorkerBackedRunner:
    """A JobRunner made of a CeleryJobRunner and the worker process that consumes its queue."""

    def __init__(self, runner: CeleryJobRunner, worker: WorkerProcess) -> None:
        self._runner = runner
        self.worker = worker

    def start(self) -> None:
        self._runner.start()

    def submit(self, job_id: str) -> None:
        self._runner.submit(job_id)

    def shutdown(self, timeout_seconds: float) -> None:
        self._runner.shutdown(timeout_seconds)
        self.worker.stop(timeout_seconds)


class CeleryRunnerHarness(SqlRunnerHarness):
    def __init__(self, engine: Engine, config: WorkerConfig, app: Any) -> None:
        super().__init__(SqlAlchemyJobRepository(engine))
        self.config = config
        self.app = app
        self.workers: list[WorkerProcess] = []

    def start_runner(self, worker_id: str) -> JobRunner:
        worker = WorkerProcess(self.config, worker_id)
        self.workers.append(worker)
        worker.wait_until_ready()
        settings = RunnerSettings(worker_id, heartbeat_seconds=5, poll_seconds=0.1)
        runner = WorkerBackedRunner(CeleryJobRunner(self.app, self.repository, self.clock, settings), worker)
        runner.start()
        self.runners.append(runner)
        return runner


def celery_runner(backend: str) -> Callable[[pytest.FixtureRequest], AbstractContextManager[object]]:
    @contextmanager
    def factory(request: pytest.FixtureRequest) -> Iterator[CeleryRunnerHarness]:
        broker_url: str = request.getfixturevalue("redis_url")
        with job_database(request, backend) as engine, celery_queue(broker_url) as queue:
            config = WorkerConfig(
                database_url=engine.url.render_as_string(hide_password=False),
                broker_url=broker_url,
                queue=queue,
                workdir=request.getfixturevalue("tmp_path"),
            )
            app = create_celery_app(broker_url, queue=queue)
            harness = CeleryRunnerHarness(engine, config, app)
            try:
                yield harness
            finally:
                for runner in harness.runners:
                    runner.shutdown(WAIT_SECONDS)
                for worker in harness.workers:
                    worker.kill()
                app.close()

    return factory


@contextmanager
def celery_queue(broker_url: str) -> Iterator[str]:
    """A queue name of its own for one test; its messages are deleted afterwards."""
    queue = f"spacetime.test.{uuid.uuid4().hex[:12]}"
    try:
        yield queue
    finally:
        client = redis.Redis.from_url(broker_url)
        try:
            client.delete(queue, *(f"{queue}\x06\x16{priority}" for priority in range(10)))
        finally:
            client.close()
