"""Fixtures of the Celery runner's tests: a queue of their own on the test Redis, a migrated database."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
import redis

from spacetime_service.adapters.celery.app import create_celery_app
from tests.support.jobs.celery_runner import celery_queue
from tests.support.jobs.sql_databases import job_database

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine


@pytest.fixture
def queue(redis_url: str) -> Iterator[str]:
    with celery_queue(redis_url) as name:
        yield name


@pytest.fixture
def celery_app(redis_url: str, queue: str) -> Iterator[Any]:
    app = create_celery_app(redis_url, queue=queue)
    yield app
    app.close()


@pytest.fixture
def broker(redis_url: str) -> Iterator[redis.Redis]:
    client = redis.Redis.from_url(redis_url)
    yield client
    client.close()


@pytest.fixture
def sqlite_engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    with job_database(request, "sqlite") as engine:
        yield engine
