"""Factories of the real job adapters for the contract suites (see conftest.py): SQLite, PostgreSQL
and, for checkpoints, files."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager

import pytest

from spacetime_service.adapters.filesystem.checkpoint_store import FilesystemCheckpointStore
from spacetime_service.adapters.sqlalchemy.jobs.checkpoint_store import SqlAlchemyCheckpointStore
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.application.ports.checkpoint_store import CheckpointStore
from spacetime_service.application.ports.job_repository import JobRepository
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job
from tests.support.jobs.runner_harness import WAIT_SECONDS, InProcessRunnerHarness
from tests.support.jobs.sql_databases import job_database

Factory = Callable[[pytest.FixtureRequest], AbstractContextManager[object]]


def sql_job_repository(
    backend: str,
) -> Callable[[pytest.FixtureRequest], AbstractContextManager[JobRepository]]:
    @contextmanager
    def factory(request: pytest.FixtureRequest) -> Iterator[JobRepository]:
        with job_database(request, backend) as engine:
            yield SqlAlchemyJobRepository(engine)

    return factory


class SqlCheckpointHarness:
    """Jobs are real rows: a new job is inserted and claimed, the next attempt claims it again after
    its lease has expired."""

    def __init__(self, repository: SqlAlchemyJobRepository, store: CheckpointStore) -> None:
        self.store = store
        self._repository = repository
        self._second = 0

    def new_job(self) -> str:
        job_id = self._repository.create(new_job(0)).job.id
        self._claim(job_id)
        return job_id

    def next_attempt(self, job_id: str) -> int:
        return self._claim(job_id)

    def _claim(self, job_id: str) -> int:
        self._second += int(LEASE_SECONDS) * 10  # well past the previous lease
        claimed = self._repository.claim("worker", at(self._second), LEASE_SECONDS, job_id=job_id)
        assert claimed is not None
        return claimed.attempt


def sql_checkpoint_store(backend: str) -> Callable[[pytest.FixtureRequest], AbstractContextManager[object]]:
    @contextmanager
    def factory(request: pytest.FixtureRequest) -> Iterator[SqlCheckpointHarness]:
        with job_database(request, backend) as engine:
            yield SqlCheckpointHarness(SqlAlchemyJobRepository(engine), SqlAlchemyCheckpointStore(engine))

    return factory


class FileCheckpointHarness:
    """The file store knows no job records: attempts are counted here, as a runner would hand them out."""

    def __init__(self, store: CheckpointStore) -> None:
        self.store = store
        self._attempts: dict[str, int] = {}

    def new_job(self) -> str:
        job_id = str(uuid.uuid4())
        self._attempts[job_id] = 1
        return job_id

    def next_attempt(self, job_id: str) -> int:
        self._attempts[job_id] += 1
        return self._attempts[job_id]


@contextmanager
def filesystem_checkpoint_store(request: pytest.FixtureRequest) -> Iterator[FileCheckpointHarness]:
    directory = request.getfixturevalue("tmp_path") / "checkpoints"
    yield FileCheckpointHarness(FilesystemCheckpointStore(directory))


class SqlRunnerHarness(InProcessRunnerHarness):
    """The in-process runner's harness with its records (and, unless given, its checkpoints) in SQL."""

    def __init__(self, repository: SqlAlchemyJobRepository, checkpoints: CheckpointStore) -> None:
        super().__init__()
        self.repository = repository  # type: ignore[assignment]
        self.checkpoints = checkpoints


def sql_runner(backend: str, *, file_checkpoints: bool = False) -> Factory:
    @contextmanager
    def factory(request: pytest.FixtureRequest) -> Iterator[SqlRunnerHarness]:
        with job_database(request, backend) as engine:
            checkpoints: CheckpointStore = SqlAlchemyCheckpointStore(engine)
            if file_checkpoints:
                checkpoints = FilesystemCheckpointStore(request.getfixturevalue("tmp_path") / "checkpoints")
            harness = SqlRunnerHarness(SqlAlchemyJobRepository(engine), checkpoints)
            try:
                yield harness
            finally:
                for runner in harness.runners:
                    runner.shutdown(WAIT_SECONDS)

    return factory
