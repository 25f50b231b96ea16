"""A checkpoint saved through a unit of work's connection shares the fate of the chunk's effects."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import Connection, Engine, func, insert, select

from spacetime_service.adapters.sqlalchemy.jobs.checkpoint_store import SqlAlchemyCheckpointStore
from spacetime_service.adapters.sqlalchemy.jobs.repository import SqlAlchemyJobRepository
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.jobs.progress import Progress
from tests.support.jobs.builders import LEASE_SECONDS, at, new_job
from tests.support.jobs.sql_databases import job_database

BACKENDS = [pytest.param("sqlite"), pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def engine(request: pytest.FixtureRequest) -> Iterator[Engine]:
    with job_database(request, request.param) as engine:
        with engine.begin() as connection:
            connection.execute(products.delete())
        yield engine


def _claimed_job(engine: Engine, *claims_at: int) -> str:
    repository = SqlAlchemyJobRepository(engine)
    job_id = repository.create(new_job(0)).job.id
    for second in claims_at:
        assert repository.claim(f"worker-{second}", at(second), LEASE_SECONDS, job_id=job_id) is not None
    return job_id


def _apply_chunk(connection: Connection, sku: str) -> None:
    now = datetime(2025, 3, 1, tzinfo=UTC)
    row = {"sku": sku, "name": sku, "description": "", "category": "books", "price": Decimal("1.50")}
    connection.execute(insert(products).values(**row, stock=1, created_at=now, updated_at=now))


def _product_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(products)).scalar_one())


def test_a_chunk_progress_and_checkpoint_commit_together(engine: Engine) -> None:
    job_id = _claimed_job(engine, 10)

    with engine.connect() as connection, connection.begin():
        _apply_chunk(connection, "SKU-1")
        SqlAlchemyCheckpointStore(connection).save(job_id, 1, {"last_id": 1})
        SqlAlchemyJobRepository(connection).record_progress(
            job_id, 1, Progress(1, 10, "rows"), eta_seconds=None, checkpoint=None, now=at(11)
        )

    stored = SqlAlchemyJobRepository(engine).get(job_id)
    assert stored is not None
    assert (stored.checkpoint, stored.progress.done, _product_count(engine)) == ({"last_id": 1}, 1, 1)


def test_a_superseded_attempt_loses_its_chunk_with_its_checkpoint(engine: Engine) -> None:
    job_id = _claimed_job(engine, 10, 10 + int(LEASE_SECONDS))  # attempt 1 was replaced by attempt 2

    with engine.connect() as connection, connection.begin():
        _apply_chunk(connection, "SKU-1")
        with pytest.raises(LeaseLost):
            SqlAlchemyCheckpointStore(connection).save(job_id, 1, {"last_id": 1})
        connection.rollback()  # what a unit of work does when the save raised

    assert SqlAlchemyCheckpointStore(engine).load(job_id) is None
    assert _product_count(engine) == 0


def test_a_rolled_back_checkpoint_is_never_seen(engine: Engine) -> None:
    job_id = _claimed_job(engine, 10)
    SqlAlchemyCheckpointStore(engine).save(job_id, 1, {"last_id": 5})

    with engine.connect() as connection:
        transaction = connection.begin()
        SqlAlchemyCheckpointStore(connection).save(job_id, 1, {"last_id": 9})
        assert SqlAlchemyCheckpointStore(engine).load(job_id) == {"last_id": 5}  # not committed yet
        transaction.rollback()

    assert SqlAlchemyCheckpointStore(engine).load(job_id) == {"last_id": 5}


def test_the_attempt_that_finished_a_job_may_still_delete_its_checkpoint(engine: Engine) -> None:
    job_id = _claimed_job(engine, 10)
    repository = SqlAlchemyJobRepository(engine)
    repository.record_progress(
        job_id, 1, Progress(1, 1, "rows"), eta_seconds=None, checkpoint={"last_id": 1}, now=at(11)
    )
    assert repository.finish(job_id, 1, JobOutcome.succeeded("artifact"), at(12)) is not None

    SqlAlchemyCheckpointStore(engine).delete(job_id, 1)

    assert SqlAlchemyCheckpointStore(engine).load(job_id) is None
