"""The adapters each job contract suite runs against.

To hold a new adapter to a suite, append a `pytest.param(factory, id=..., marks=...)` to that suite's
list below. A factory takes the pytest request (to reach fixtures such as `tmp_path` or `postgres_url`
through `request.getfixturevalue`) and is a context manager that yields a ready, empty adapter.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Protocol

import pytest

from spacetime_service.application.ports.checkpoint_store import CheckpointStore
from spacetime_service.application.ports.job_repository import JobRepository
from tests.fakes.jobs import FakeCheckpointStore, FakeJobRepository
from tests.support.jobs.celery_runner import celery_runner
from tests.support.jobs.real_adapters import (
    filesystem_checkpoint_store,
    sql_checkpoint_store,
    sql_job_repository,
    sql_runner,
)
from tests.support.jobs.runner_harness import RunnerHarness, in_process_runner

JobRepositoryFactory = Callable[[pytest.FixtureRequest], AbstractContextManager[JobRepository]]


class CheckpointStoreHarness(Protocol):
    """A checkpoint store with the means to set up the jobs it keeps checkpoints for."""

    store: CheckpointStore

    def new_job(self) -> str:
        """The id of a job that a worker holds at attempt 1 (a database adapter inserts and claims it)."""

    def next_attempt(self, job_id: str) -> int:
        """Another worker takes the job over (a database adapter claims it again); its new attempt."""


CheckpointStoreFactory = Callable[[pytest.FixtureRequest], AbstractContextManager[CheckpointStoreHarness]]


@contextmanager
def fake_job_repository(request: pytest.FixtureRequest) -> Iterator[JobRepository]:
    yield FakeJobRepository()


class FakeCheckpointHarness:
    def __init__(self) -> None:
        self.store: CheckpointStore = FakeCheckpointStore()
        self._attempts: dict[str, int] = {}

    def new_job(self) -> str:
        job_id = str(uuid.uuid4())
        self._attempts[job_id] = 1
        return job_id

    def next_attempt(self, job_id: str) -> int:
        self._attempts[job_id] += 1
        return self._attempts[job_id]


@contextmanager
def fake_checkpoint_store(request: pytest.FixtureRequest) -> Iterator[CheckpointStoreHarness]:
    yield FakeCheckpointHarness()


JOB_REPOSITORY_ADAPTERS: list[Any] = [
    pytest.param(fake_job_repository, id="fake"),
    pytest.param(sql_job_repository("sqlite"), id="sqlite"),
    pytest.param(sql_job_repository("postgresql"), id="postgresql", marks=pytest.mark.postgres),
]
CHECKPOINT_STORE_ADAPTERS: list[Any] = [
    pytest.param(fake_checkpoint_store, id="fake"),
    pytest.param(sql_checkpoint_store("sqlite"), id="sqlite"),
    pytest.param(sql_checkpoint_store("postgresql"), id="postgresql", marks=pytest.mark.postgres),
    pytest.param(filesystem_checkpoint_store, id="files"),
]


@pytest.fixture(params=JOB_REPOSITORY_ADAPTERS)
def job_repository(request: pytest.FixtureRequest) -> Iterator[JobRepository]:
    factory: JobRepositoryFactory = request.param
    with factory(request) as repository:
        yield repository


@pytest.fixture(params=CHECKPOINT_STORE_ADAPTERS)
def checkpoints(request: pytest.FixtureRequest) -> Iterator[CheckpointStoreHarness]:
    factory: CheckpointStoreFactory = request.param
    with factory(request) as harness:
        yield harness


RUNNER_ADAPTERS: list[Any] = [
    pytest.param(in_process_runner, id="in-process"),
    pytest.param(sql_runner("sqlite"), id="in-process-sqlite"),
    pytest.param(sql_runner("postgresql"), id="in-process-postgresql", marks=pytest.mark.postgres),
    pytest.param(sql_runner("sqlite", file_checkpoints=True), id="in-process-sqlite-files"),
    # Real worker processes on a real Redis; PostgreSQL under several processes is in the crash test.
    pytest.param(celery_runner("sqlite"), id="celery-sqlite", marks=[pytest.mark.redis, pytest.mark.slow]),
]


@pytest.fixture(params=RUNNER_ADAPTERS)
def runner_harness(request: pytest.FixtureRequest) -> Iterator[RunnerHarness]:
    factory: Callable[[pytest.FixtureRequest], AbstractContextManager[RunnerHarness]] = request.param
    with factory(request) as harness:
        yield harness
