"""Steps of more than one feature of features/jobs: bulk updates in small chunks, workers that die in
the middle of a job, the process that takes over once their lease has expired, and the job's status."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from pytest_bdd import given, parsers, then, when

from spacetime_service.application.jobs.resume_jobs import ResumeJobsCommand
from spacetime_service.domain.bulk_updates import AddStock, BulkUpdate, BulkUpdateFilter
from spacetime_service.domain.jobs.status import JobStatus
from tests.bdd.catalog_rows import ProductRow, product_rows, stock_by_id
from tests.bdd.job_waits import job_of, wait_for_expired_lease
from tests.bdd.jobs.crashes import crash_at_commit, die_in_worker
from tests.bdd.jobs.restarts import Restarts
from tests.bdd.submissions import Submissions, submit_bulk_update

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from spacetime_service.bootstrap.containers.root import RootContainer
    from tests.bdd.refusal import Refusal
    from tests.bdd.service_processes import ServiceProcesses


@pytest.fixture
def restarts() -> Restarts:
    return Restarts()


@given(parsers.parse("bulk updates change {rows:d} products per chunk"), target_fixture="container")
def chunks_of(processes: ServiceProcesses, container: RootContainer, rows: int) -> RootContainer:
    processes.chunk_rows = rows
    container.shutdown_resources()
    return processes.new()  # nothing has run yet: the process starts with these chunks


@when(parsers.parse("I submit a bulk update that adds {delta:d} to the stock of every product"))
def submit_add_stock(
    container: RootContainer,
    submissions: Submissions,
    refusal: Refusal,
    catalog_before: dict[int, ProductRow],  # asked for, so that the catalog is recorded before it changes
    delta: int,
) -> None:
    update = BulkUpdate(BulkUpdateFilter(min_id=1), AddStock(delta))
    submit_bulk_update(container, submissions, refusal, update)


@when(parsers.parse("a worker takes the job and dies as it commits chunk {chunk:d}"))
def dies_committing(processes: ServiceProcesses, submissions: Submissions, chunk: int) -> None:
    die_in_worker(processes, submissions.job_id, crash_at_commit(processes, chunk))


@when("the service starts again once the lease has expired", target_fixture="container")
def starts_again(
    processes: ServiceProcesses, container: RootContainer, submissions: Submissions, restarts: Restarts
) -> RootContainer:
    wait_for_expired_lease(container, submissions.job_id)
    container.shutdown_resources()
    restarted = processes.new()
    # As `spacetime jobs resume`: expired jobs are handed over explicitly, then the runner starts.
    restarts.resumed = restarted.jobs.resume_jobs().execute(ResumeJobsCommand()).job_ids
    restarted.init_resources()
    return restarted


@then(parsers.parse('the job is "{status}"'))
def job_is(container: RootContainer, submissions: Submissions, refusal: Refusal, status: str) -> None:
    assert refusal.error is None, refusal.error
    assert job_of(container, submissions.job_id).status is JobStatus(status)


@then(parsers.parse("the stock of every product rose by exactly {delta:d}"))
def every_stock_rose(database: Engine, catalog_before: dict[int, ProductRow], delta: int) -> None:
    expected = {i: stock + delta for i, stock in stock_by_id(catalog_before).items()}
    assert stock_by_id(product_rows(database)) == expected
