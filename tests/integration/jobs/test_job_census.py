"""The job census on SQLite and PostgreSQL: unfinished jobs by kind and state, and the progress of the
leased ones, as the scrape-time gauges read them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sqlalchemy.jobs.census import SqlAlchemyJobCensus
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.application.ports.job_census import JobCensus, JobTally
from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.jobs.progress import Progress
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job
from tests.support.jobs.sql_databases import job_database

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Engine

BACKENDS = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    with job_database(request, request.param) as engine:
        yield engine


def test_counts_queued_running_and_expired_leases_by_kind_and_leaves_finished_jobs_out(
    engine: Engine,
) -> None:
    jobs, census = SqlAlchemyJobRepository(engine), SqlAlchemyJobCensus(engine)
    assert isinstance(census, JobCensus)
    for second in range(3):
        jobs.create(new_job(second, kind="report"))
    jobs.create(new_job(3, kind="train_model"))
    jobs.create(new_job(4, kind="train_model"))
    fresh = jobs.claim("w1", at(100), LEASE_SECONDS, kinds={"report"})
    stale = jobs.claim("w2", at(10), LEASE_SECONDS, kinds={"train_model"})
    done = jobs.claim("w1", at(100), LEASE_SECONDS, kinds={"report"})
    assert fresh is not None
    assert stale is not None
    assert done is not None
    jobs.finish(done.id, done.attempt, JobOutcome.succeeded(), at(101))
    assert census.tallies(at(120)) == [
        JobTally("report", queued=1, running=1, expired_leases=0),
        JobTally("train_model", queued=1, running=1, expired_leases=1),
    ]


def test_lists_the_leased_jobs_with_their_progress_oldest_first(engine: Engine) -> None:
    jobs, census = SqlAlchemyJobRepository(engine), SqlAlchemyJobCensus(engine)
    for created in range(3):
        jobs.create(new_job(created, kind="train_model"))
    first = jobs.claim("w1", at(10), LEASE_SECONDS)
    second = jobs.claim("w1", at(10), LEASE_SECONDS)
    assert first is not None
    assert second is not None
    jobs.record_progress(
        first.id, first.attempt, Progress(25, 100, "rows"), eta_seconds=None, checkpoint=None, now=at(11)
    )
    running = census.running(limit=10)
    assert [(job.job_id, job.progress) for job in running] == [
        (first.id, Progress(25, 100, "rows")),
        (second.id, Progress()),
    ]
    assert len(census.running(limit=1)) == 1


def test_an_empty_store_has_no_tallies(engine: Engine) -> None:
    assert SqlAlchemyJobCensus(engine).tallies(at(0)) == []
