"""Factories of the real job adapters for the contract suites (see tests/contracts/jobs/conftest.py):
SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from tests.support.jobs.runner_harness import WAIT_SECONDS, InProcessRunnerHarness
from tests.support.jobs.sql_databases import job_database

if TYPE_CHECKING:
    from spacetime_service.application.ports.job_repository import JobRepository

Factory = Callable[[pytest.FixtureRequest], AbstractContextManager[object]]


def sql_job_repository(
    backend: str,
) -> Callable[[pytest.FixtureRequest], AbstractContextManager[JobRepository]]:
    @contextmanager
    def factory(request: pytest.FixtureRequest) -> Iterator[JobRepository]:
        with job_database(request, backend) as engine:
            yield SqlAlchemyJobRepository(engine)

    return factory


class SqlRunnerHarness(InProcessRunnerHarness):
    """The in-process runner's harness with its records (checkpoints included) in SQL."""

    def __init__(self, repository: SqlAlchemyJobRepository) -> None:
        super().__init__()
        self.repository = repository  # type: ignore[assignment]


def sql_runner(backend: str) -> Factory:
    @contextmanager
    def factory(request: pytest.FixtureRequest) -> Iterator[SqlRunnerHarness]:
        with job_database(request, backend) as engine:
            harness = SqlRunnerHarness(SqlAlchemyJobRepository(engine))
            try:
                yield harness
            finally:
                for runner in harness.runners:
                    runner.shutdown(WAIT_SECONDS)

    return factory
