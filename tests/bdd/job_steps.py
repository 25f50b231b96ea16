"""Steps shared by the features whose work runs as jobs (features/jobs, features/reports and the bulk
update of features/products): submitting reports and bulk updates, waiting for the job, and reading
its effects back. Step definitions are fixtures of the module that declares them, so the conftest.py of
each of those suites imports this module's `__all__` (the step fixtures and `jobs`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import orjson
import pytest
from pytest_bdd import given, parsers, then, when
from sqlalchemy import select

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.application.bulk_updates.bulk_update_products import BulkUpdateProductsCommand
from spacetime_service.application.bulk_updates.request_json import parse_bulk_update
from spacetime_service.application.jobs.list_jobs import ListJobsCommand
from spacetime_service.application.jobs.submit_job import SubmitJobResult
from spacetime_service.application.reports.generate_report import GenerateReportCommand
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.domain.bulk_updates import AddStock, BulkUpdate, BulkUpdateFilter
from spacetime_service.domain.errors import Conflict, DomainError
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.jobs.json_value import JsonObject
from spacetime_service.domain.jobs.status import JobStatus
from tests.bdd.catalog_world import World
from tests.bdd.job_world import ServiceProcesses, job_of, wait_for_end

OWNER = "bdd"


@dataclass
class JobScene:
    """What the job steps remember: how to start processes, the submissions in order (the last one is
    "the job"), what a dry run counted, and the catalog (and each product's stock) as it was before the
    first bulk update was asked for."""

    processes: ServiceProcesses
    submissions: list[SubmitJobResult] = field(default_factory=list)
    would_change: int | None = None
    stock_before: dict[int, int] = field(default_factory=dict)
    catalog_before: dict[int, tuple[object, ...]] = field(default_factory=dict)

    @property
    def job_id(self) -> str:
        assert self.submissions, "no job was submitted"
        return self.submissions[-1].job.id


@pytest.fixture
def jobs(database_url: str, tmp_path: Path) -> JobScene:
    return JobScene(ServiceProcesses(database_url, tmp_path))


def stock_by_id(world: World) -> dict[int, int]:
    with world.engine.connect() as connection:
        return dict(connection.execute(select(products.c.id, products.c.stock).order_by(products.c.id)).all())


def catalog_rows(world: World) -> dict[int, tuple[object, ...]]:
    with world.engine.connect() as connection:
        return {row.id: tuple(row) for row in connection.execute(select(products).order_by(products.c.id))}


def the_job(world: World, jobs: JobScene) -> Job:
    return job_of(world.container, jobs.job_id)


@given(parsers.parse('an order history of {count:d} orders between "{first}" and "{last}"'))
def an_order_history(world: World, count: int, first: str, last: str) -> None:
    world.add_orders(count, date.fromisoformat(first), date.fromisoformat(last))


@given("the service runs its jobs")
@when("the service runs its jobs")
def the_service_runs(world: World) -> None:
    world.container.init_resources()  # as the API's lifespan does: the job runner starts


def submit_report(world: World, jobs: JobScene, owner: str, request: JsonObject, key: str | None) -> None:
    try:
        command = GenerateReportCommand(owner, ReportRequest.from_json(request), key)
        jobs.submissions.append(world.container.reports.generate_report().execute(command))
    except DomainError as error:
        world.error = error


@when(parsers.parse('I submit a "{kind}" report from "{first}" to "{last}" as "{wire_format}"'))
def submit_a_report(world: World, jobs: JobScene, kind: str, first: str, last: str, wire_format: str) -> None:
    request: JsonObject = {"kind": kind, "start_date": first, "end_date": last, "format": wire_format}
    submit_report(world, jobs, OWNER, request, None)


@when(parsers.parse('"{owner}" submits a "{kind}" report from "{first}" to "{last}" with the key "{key}"'))
def submit_a_keyed_report(
    world: World, jobs: JobScene, owner: str, kind: str, first: str, last: str, key: str
) -> None:
    submit_report(world, jobs, owner, {"kind": kind, "start_date": first, "end_date": last}, key)


def submit_bulk_update(
    world: World, jobs: JobScene, update: BulkUpdate, *, dry_run: bool = False, key: str | None = None
) -> None:
    if not jobs.stock_before:
        jobs.stock_before, jobs.catalog_before = stock_by_id(world), catalog_rows(world)
    command = BulkUpdateProductsCommand(OWNER, update, dry_run=dry_run, idempotency_key=key)
    try:
        result = world.container.reports.bulk_update_products().execute(command)
    except DomainError as error:
        world.error = error
        return
    if dry_run:
        jobs.would_change = result.would_change
    else:
        assert result.job is not None
        jobs.submissions.append(SubmitJobResult(result.job, result.created))


@when(parsers.parse("I submit a bulk update that adds {delta:d} to the stock of every product"))
def submit_add_stock(world: World, jobs: JobScene, delta: int) -> None:
    submit_bulk_update(world, jobs, BulkUpdate(BulkUpdateFilter(min_id=1), AddStock(delta)))


def submit_described_update(
    world: World, jobs: JobScene, docstring: str, *, dry_run: bool = False, key: str | None = None
) -> None:
    """The bulk update of a JSON docstring, as a client sends it."""
    try:
        update = parse_bulk_update(orjson.loads(docstring))
    except DomainError as error:
        world.error = error
        return
    submit_bulk_update(world, jobs, update, dry_run=dry_run, key=key)


@when("I submit the bulk update")
def submit_the_bulk_update(world: World, jobs: JobScene, docstring: str) -> None:
    submit_described_update(world, jobs, docstring)


@when(parsers.parse('I submit the bulk update with the idempotency key "{key}"'))
def submit_the_keyed_bulk_update(world: World, jobs: JobScene, key: str, docstring: str) -> None:
    submit_described_update(world, jobs, docstring, key=key)


@when("I dry-run the bulk update")
def dry_run_the_bulk_update(world: World, jobs: JobScene, docstring: str) -> None:
    submit_described_update(world, jobs, docstring, dry_run=True)


@when(parsers.parse("the job succeeds on attempt {attempt:d}"))
@then(parsers.parse("the job succeeds on attempt {attempt:d}"))
def job_succeeds(world: World, jobs: JobScene, attempt: int) -> None:
    job = wait_for_end(world.container, jobs.job_id)
    assert (job.status, job.error) == (JobStatus.SUCCEEDED, None)
    assert job.attempt == attempt


@then(parsers.parse('the job ends "{status}"'))
def job_ends(world: World, jobs: JobScene, status: str) -> None:
    assert wait_for_end(world.container, jobs.job_id).status is JobStatus(status)


@then(parsers.parse('the job is "{status}"'))
def job_is(world: World, jobs: JobScene, status: str) -> None:
    assert world.error is None, world.error
    assert the_job(world, jobs).status is JobStatus(status)


@then(parsers.parse("the job counted {count:d} changed products"))
def job_counted(world: World, jobs: JobScene, count: int) -> None:
    progress = the_job(world, jobs).progress
    assert (progress.done, progress.unit) == (count, "rows")


@then(parsers.parse("the stock of every product rose by exactly {delta:d}"))
def every_stock_rose(world: World, jobs: JobScene, delta: int) -> None:
    assert jobs.stock_before, "nothing was updated"
    assert stock_by_id(world) == {i: stock + delta for i, stock in jobs.stock_before.items()}


@then(
    parsers.parse(
        "the stock of the first {count:d} products rose by exactly {delta:d}, and no other stock changed"
    )
)
def first_stocks_rose(world: World, jobs: JobScene, count: int, delta: int) -> None:
    expected = {
        i: stock + (delta if n < count else 0) for n, (i, stock) in enumerate(jobs.stock_before.items())
    }
    assert stock_by_id(world) == expected


@then(parsers.parse("the {action} is refused as a conflict"))
def refused_as_conflict(world: World, action: str) -> None:
    assert isinstance(world.error, Conflict), f"the {action} was not refused: {world.error!r}"


@then("the second submission returned the first job without creating one")
def replayed(jobs: JobScene) -> None:
    first, second = jobs.submissions
    assert (first.created, second.created) == (True, False)
    assert second.job.id == first.job.id


@then(parsers.re(r'"(?P<owner>[^"]+)" has (?P<count>\d+) jobs?'), converters={"count": int})
def owner_has_jobs(world: World, owner: str, count: int) -> None:
    listed = world.container.jobs.list_jobs().execute(ListJobsCommand(owner=owner, limit=100))
    assert len(listed.items) == count


@when("a product is added to the catalog")
def a_product_is_added(world: World, jobs: JobScene) -> None:
    world.add_named_product("Late arrival", "toys")
    # The stock it has now is the one it must keep: the update was submitted before it existed.
    jobs.stock_before = stock_by_id(world) | jobs.stock_before


@then(parsers.parse("{count:d} products would change"))
def would_change(world: World, jobs: JobScene, count: int) -> None:
    assert world.error is None, world.error
    assert jobs.would_change == count


@then("no product has changed")
def nothing_changed(world: World, jobs: JobScene) -> None:
    assert jobs.catalog_before, "no update was asked for"
    assert catalog_rows(world) == jobs.catalog_before


@then(parsers.parse("only the products {ids} changed, each to a stock of {stock:d}"))
def only_these_changed(world: World, jobs: JobScene, ids: str, stock: int) -> None:
    expected = {int(i) for i in ids.replace(" and ", ",").split(",")}
    after = catalog_rows(world)
    changed = {i for i, row in after.items() if row != jobs.catalog_before.get(i)}
    assert changed == expected
    assert {i: stock_by_id(world)[i] for i in expected} == dict.fromkeys(expected, stock)


__all__ = [name for name in dict(globals()) if name == "jobs" or name.startswith("pytestbdd_")]
