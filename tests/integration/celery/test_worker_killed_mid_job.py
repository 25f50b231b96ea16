"""A worker killed with SIGKILL in the middle of a job loses nothing and applies nothing twice: the job's
lease expires, the Celery runner sends it again, and another worker resumes it from the checkpoint that
was committed with the last chunk's effects."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

import pytest
from sqlalchemy import Engine, delete, select

from spacetime_service.adapters.celery.job_runner import CeleryJobRunner
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.adapters.system.id_generator import UuidIdGenerator
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from spacetime_service.domain.jobs.status import JobStatus
from tests.support.jobs.celery_workers import WorkerConfig, WorkerProcess
from tests.support.jobs.ledger_handler import LedgerHandler, ledger, ledger_metadata
from tests.support.jobs.runner_harness import WAIT_SECONDS
from tests.support.jobs.sql_databases import job_database

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from spacetime_service.domain.jobs.job import Job

pytestmark = [pytest.mark.redis, pytest.mark.slow]

LEASE_SECONDS = 3.0
ITEMS = 200


@pytest.fixture(params=[pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    with job_database(request, request.param) as engine:
        ledger_metadata.create_all(engine)
        with engine.begin() as connection:
            connection.execute(delete(ledger))
        yield engine


@pytest.fixture
def config(engine: Engine, redis_url: str, queue: str, tmp_path: Any) -> WorkerConfig:
    return WorkerConfig(
        database_url=engine.url.render_as_string(hide_password=False),
        broker_url=redis_url,
        queue=queue,
        workdir=tmp_path,
        lease_seconds=LEASE_SECONDS,
        heartbeat_seconds=0.5,
        poll_seconds=0.2,
    )


@pytest.fixture
def api_runner(engine: Engine, celery_app: Any) -> Iterator[CeleryJobRunner]:
    """The runner of an API process: it sends submitted jobs and sweeps stranded ones."""
    settings = RunnerSettings("api", lease_seconds=LEASE_SECONDS, heartbeat_seconds=1, poll_seconds=0.2)
    runner = CeleryJobRunner(celery_app, SqlAlchemyJobRepository(engine), SystemClock(), settings)
    runner.start()
    yield runner
    runner.shutdown(WAIT_SECONDS)


@pytest.fixture
def workers(config: WorkerConfig) -> Iterator[Callable[[str], WorkerProcess]]:
    started: list[WorkerProcess] = []

    def start(worker_id: str) -> WorkerProcess:
        worker = WorkerProcess(config, worker_id)
        started.append(worker)
        worker.wait_until_ready()
        return worker

    yield start
    for worker in started:
        worker.kill()


def _wait_for(repository: SqlAlchemyJobRepository, job_id: str, condition: Callable[[Job], bool]) -> Job:
    pause = threading.Event()
    for _ in range(int(WAIT_SECONDS * 2 / 0.02)):
        job = repository.get(job_id)
        if job is not None and condition(job):
            return job
        pause.wait(0.02)
    pytest.fail(f"job {job_id} never reached the expected state: {repository.get(job_id)}")


def test_a_job_of_a_killed_worker_resumes_elsewhere_without_applying_anything_twice(
    engine: Engine, api_runner: CeleryJobRunner, workers: Callable[[str], WorkerProcess]
) -> None:
    repository = SqlAlchemyJobRepository(engine)
    doomed = workers("doomed")
    submit = SubmitJob(repository, api_runner, SystemClock(), UuidIdGenerator(), {LedgerHandler.kind})
    request = {"n": ITEMS, "chunk": 2, "pause_ms": 50}
    job = submit.execute(SubmitJobCommand(LedgerHandler.kind, "alice", request)).job
    _wait_for(repository, job.id, lambda seen: seen.progress.done >= 10)

    doomed.kill()

    stranded = repository.get(job.id)
    assert stranded is not None
    assert stranded.lease is not None
    assert (stranded.status, stranded.lease.holder) == (JobStatus.RUNNING, "doomed")
    workers("survivor")
    ended = _wait_for(repository, job.id, lambda seen: seen.status.is_terminal)
    assert (ended.status, ended.result_ref, ended.attempt) == (JobStatus.SUCCEEDED, f"ledger:{ITEMS}", 2)
    with engine.connect() as connection:
        rows = connection.execute(select(ledger.c.item, ledger.c.attempt).order_by(ledger.c.row_id)).all()
    assert [item for item, _ in rows] == list(range(1, ITEMS + 1))  # every item once, in order
    first_attempt = [item for item, attempt in rows if attempt == 1]
    second_attempt = [item for item, attempt in rows if attempt == 2]
    assert len(first_attempt) >= 10
    assert second_attempt[0] == first_attempt[-1] + 1  # resumed from the committed checkpoint
