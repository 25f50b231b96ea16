"""The Celery runner sends stranded jobs again: expired leases always, queued jobs when the queue is empty,
and neither more than once per lease."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from spacetime_service.adapters.celery.job_runner import CeleryJobRunner
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.application.jobs.runner_settings import RunnerSettings
from tests.fakes.jobs import FixedClock
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job

if TYPE_CHECKING:
    import redis
    from sqlalchemy import Engine

pytestmark = pytest.mark.redis


def _runner(app: Any, engine: Engine, clock: FixedClock) -> CeleryJobRunner:
    settings = RunnerSettings("api-1", lease_seconds=LEASE_SECONDS, heartbeat_seconds=5, poll_seconds=1)
    return CeleryJobRunner(app, SqlAlchemyJobRepository(engine), clock, settings)


def _messages(broker: redis.Redis, queue: str) -> int:
    return int(broker.llen(queue))


def test_a_queued_job_is_sent_again_when_no_message_waits(
    celery_app: Any, sqlite_engine: Engine, broker: redis.Redis, queue: str
) -> None:
    job_id = SqlAlchemyJobRepository(sqlite_engine).create(new_job(0)).job.id
    runner = _runner(celery_app, sqlite_engine, FixedClock(at(10)))

    assert runner.sweep() == [job_id]
    assert _messages(broker, queue) == 1


def test_a_job_is_sent_again_at_most_once_per_lease(
    celery_app: Any, sqlite_engine: Engine, broker: redis.Redis, queue: str
) -> None:
    SqlAlchemyJobRepository(sqlite_engine).create(new_job(0))
    runner = _runner(celery_app, sqlite_engine, FixedClock(at(10)))
    runner.sweep()
    broker.delete(queue)  # the message is lost again

    assert runner.sweep() == []
    assert _messages(broker, queue) == 0


def test_queued_jobs_wait_while_messages_wait(
    celery_app: Any, sqlite_engine: Engine, broker: redis.Redis, queue: str
) -> None:
    SqlAlchemyJobRepository(sqlite_engine).create(new_job(0))
    runner = _runner(celery_app, sqlite_engine, FixedClock(at(10)))
    runner.submit("a-job-submitted-earlier")

    assert runner.sweep() == []
    assert _messages(broker, queue) == 1


def test_a_job_whose_lease_expired_is_sent_again_even_while_messages_wait(
    celery_app: Any, sqlite_engine: Engine, broker: redis.Redis, queue: str
) -> None:
    repository = SqlAlchemyJobRepository(sqlite_engine)
    job_id = repository.create(new_job(0)).job.id
    assert repository.claim("dead-worker", at(1), LEASE_SECONDS, job_id=job_id) is not None
    runner = _runner(celery_app, sqlite_engine, FixedClock(at(1 + LEASE_SECONDS)))
    runner.submit("a-job-submitted-earlier")

    assert runner.sweep() == [job_id]
    assert _messages(broker, queue) == 2


def test_a_job_under_a_live_lease_is_left_alone(
    celery_app: Any, sqlite_engine: Engine, broker: redis.Redis, queue: str
) -> None:
    repository = SqlAlchemyJobRepository(sqlite_engine)
    job_id = repository.create(new_job(0)).job.id
    assert repository.claim("live-worker", at(1), LEASE_SECONDS, job_id=job_id) is not None
    runner = _runner(celery_app, sqlite_engine, FixedClock(at(LEASE_SECONDS)))

    assert runner.sweep() == []
    assert _messages(broker, queue) == 0
