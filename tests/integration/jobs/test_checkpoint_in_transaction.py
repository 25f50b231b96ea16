"""`JobContext.commit` on a real database: a chunk's effects and the job record's checkpoint, progress
and ETA commit in one transaction, and a superseded attempt's chunk rolls back whole."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Connection, Engine, func, insert, select

from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.context import JobContext
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.jobs.eta import ThroughputEstimate
from spacetime_service.domain.jobs.progress import Progress
from tests.fakes.jobs import FixedClock
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job
from tests.support.jobs.sql_databases import job_database

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.domain.jobs.job import Job

BACKENDS = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    with job_database(request, request.param) as engine:
        with engine.begin() as connection:
            connection.execute(products.delete())
        yield engine


def _claimed_job(engine: Engine, *claims_at: int) -> Job:
    """The job as its first attempt claimed it; later claims (after the lease expired) supersede it."""
    repository = SqlAlchemyJobRepository(engine)
    job_id = repository.create(new_job(0)).job.id
    claimed = [
        repository.claim(f"worker-{second}", at(second), LEASE_SECONDS, job_id=job_id) for second in claims_at
    ]
    assert all(job is not None for job in claimed)
    first = claimed[0]
    assert first is not None
    return first


def _context(engine: Engine, job: Job, clock: FixedClock) -> tuple[JobContext, AttemptControl]:
    control = AttemptControl(job.id, job.attempt)
    context = JobContext(
        job,
        repository=SqlAlchemyJobRepository(engine),
        clock=clock,
        control=control,
        throughput=ThroughputEstimate(half_life_seconds=10),
    )
    return context, control


def _apply_chunk(connection: Connection, sku: str) -> None:
    now = datetime(2025, 3, 1, tzinfo=UTC)
    row = {"sku": sku, "name": sku, "description": "", "category": "books", "price": Decimal("1.50")}
    connection.execute(insert(products).values(**row, stock=1, created_at=now, updated_at=now))


def _product_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(products)).scalar_one())


def test_a_chunk_its_checkpoint_progress_and_eta_commit_together(engine: Engine) -> None:
    clock = FixedClock(at(10))
    job = _claimed_job(engine, 10)
    context, _ = _context(engine, job, clock)
    clock.advance(2)

    with SqlAlchemyBatchUnitOfWork(engine, fetch_rows=100) as uow:
        _apply_chunk(uow.connection, "SKU-1")
        _apply_chunk(uow.connection, "SKU-2")
        context.commit(uow, 2, 10, "rows", {"last_id": 2})

    stored = SqlAlchemyJobRepository(engine).get(job.id)
    assert stored is not None
    assert (stored.checkpoint, stored.progress, _product_count(engine)) == (
        {"last_id": 2},
        Progress(2, 10, "rows"),
        2,
    )
    assert stored.eta_seconds == pytest.approx(8 / (2 / 2))  # 8 rows left at 1 row per second


def test_a_superseded_attempt_loses_its_chunk_with_its_checkpoint(engine: Engine) -> None:
    clock = FixedClock(at(10))
    job = _claimed_job(engine, 10, 10 + int(LEASE_SECONDS))  # attempt 1 was replaced by attempt 2
    context, control = _context(engine, job, clock)

    with SqlAlchemyBatchUnitOfWork(engine, fetch_rows=100) as uow:
        _apply_chunk(uow.connection, "SKU-1")
        with pytest.raises(LeaseLost):
            context.commit(uow, 1, 10, "rows", {"last_id": 1})

    stored = SqlAlchemyJobRepository(engine).get(job.id)
    assert stored is not None
    assert (stored.attempt, stored.checkpoint, stored.progress.done) == (2, None, 0)
    assert _product_count(engine) == 0
    assert control.lost.is_set()  # the attempt writes nothing more


def test_a_chunk_not_yet_committed_is_never_seen(engine: Engine) -> None:
    clock = FixedClock(at(10))
    job = _claimed_job(engine, 10)
    context, _ = _context(engine, job, clock)
    context.report(5, 10, "rows", {"last_id": 5})

    with SqlAlchemyBatchUnitOfWork(engine, fetch_rows=100) as uow:
        _apply_chunk(uow.connection, "SKU-6")
        written = uow.jobs.record_progress(
            job.id,
            job.attempt,
            Progress(6, 10, "rows"),
            eta_seconds=None,
            checkpoint={"last_id": 6},
            now=at(11),
        )
        assert written is not None
        # The process dies here, before the commit: the unit of work rolls back.

    stored = SqlAlchemyJobRepository(engine).get(job.id)
    assert stored is not None
    assert (stored.checkpoint, stored.progress.done, _product_count(engine)) == ({"last_id": 5}, 5, 0)
