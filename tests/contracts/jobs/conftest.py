"""The adapters each job contract suite runs against.

To hold a new adapter to a suite, append a `pytest.param(factory, id=..., marks=...)` to that suite's
list below. A factory takes the pytest request (to reach fixtures such as `tmp_path` or `postgres_url`
through `request.getfixturevalue`) and is a context manager that yields a ready, empty adapter.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

import pytest

from spacetime_service.application.ports.job_repository import JobRepository
from tests.fakes.jobs import FakeJobRepository
from tests.support.jobs.celery_runner import celery_runner
from tests.support.jobs.real_adapters import sql_job_repository, sql_runner
from tests.support.jobs.runner_harness import RunnerHarness, in_process_runner

JobRepositoryFactory = Callable[[pytest.FixtureRequest], AbstractContextManager[JobRepository]]


@contextmanager
def fake_job_repository(request: pytest.FixtureRequest) -> Iterator[JobRepository]:
    yield FakeJobRepository()


JOB_REPOSITORY_ADAPTERS: list[Any] = [
    pytest.param(fake_job_repository, id="fake"),
    pytest.param(sql_job_repository("sqlite"), id="sqlite"),
    pytest.param(sql_job_repository("postgresql"), id="postgresql", marks=pytest.mark.postgres),
]


@pytest.fixture(params=JOB_REPOSITORY_ADAPTERS)
def job_repository(request: pytest.FixtureRequest) -> Iterator[JobRepository]:
    factory: JobRepositoryFactory = request.param
    with factory(request) as repository:
        yield repository


RUNNER_ADAPTERS: list[Any] = [
    pytest.param(in_process_runner, id="in-process"),
    pytest.param(sql_runner("sqlite"), id="in-process-sqlite"),
    pytest.param(sql_runner("postgresql"), id="in-process-postgresql", marks=pytest.mark.postgres),
    # Real worker processes on a real Redis; PostgreSQL under several processes is in the crash test.
    pytest.param(celery_runner("sqlite"), id="celery-sqlite", marks=[pytest.mark.redis, pytest.mark.slow]),
]


@pytest.fixture(params=RUNNER_ADAPTERS)
def runner_harness(request: pytest.FixtureRequest) -> Iterator[RunnerHarness]:
    factory: Callable[[pytest.FixtureRequest], AbstractContextManager[RunnerHarness]] = request.param
    with factory(request) as harness:
        yield harness
