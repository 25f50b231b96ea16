"""Fixtures and steps of more than one capability's features. Steps drive the use cases through the
container of the scenario's current service process (`container`); a step that restarts the service
hands the next process on through `target_fixture="container"`. Scenarios tagged @http drive the same
behaviour through a real uvicorn server."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import pytest
from pytest_bdd import given, parsers, then, when

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.application.jobs.list_jobs import ListJobsCommand
from spacetime_service.domain.errors import Conflict
from spacetime_service.domain.jobs.status import JobStatus
from tests.bdd.catalog_rows import (
    ProductRow,
    add_named_product,
    add_orders,
    add_products,
    product_rows,
    stock_by_id,
)
from tests.bdd.job_waits import job_of, wait_until_ended
from tests.bdd.refusal import Refusal
from tests.bdd.service_processes import ServiceProcesses
from tests.bdd.submissions import Submissions, submit_report

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from sqlalchemy import Engine

    from spacetime_service.bootstrap.containers.root import RootContainer
    from spacetime_service.domain.jobs.json_value import JsonObject


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'features.db'}"
    upgrade_to_head(url)
    return url


@pytest.fixture
def database(database_url: str) -> Iterator[Engine]:
    """The scenario's database as its steps write and read it, apart from any service process."""
    engine = create_database_engine(database_url)
    try:
        yield engine
    finally:
        engine.dispose()


@pytest.fixture
def processes(database_url: str, tmp_path: Path) -> Iterator[ServiceProcesses]:
    processes = ServiceProcesses(database_url, tmp_path)
    try:
        yield processes
    finally:
        processes.stop_all()


@pytest.fixture
def container(processes: ServiceProcesses) -> RootContainer:
    """The scenario's service process. It runs no job until a step starts its runner; the capabilities
    whose every scenario needs one override this fixture with a running process."""
    return processes.new()


@pytest.fixture
def refusal() -> Refusal:
    return Refusal()


@pytest.fixture
def submissions() -> Submissions:
    return Submissions()


@pytest.fixture
def catalog_before(database: Engine) -> dict[int, ProductRow]:
    """The catalog as it was when a step first asked for it: the steps that change products ask for it
    before they submit anything."""
    return product_rows(database)


@given(parsers.parse("a catalog of {count:d} products"))
def a_catalog(database: Engine, count: int) -> None:
    add_products(database, count)


@given(parsers.parse('a product named "{name}" in category "{category}"'))
def a_named_product(database: Engine, name: str, category: str) -> None:
    add_named_product(database, name, category)


@given(parsers.parse('an order history of {count:d} orders between "{first}" and "{last}"'))
def an_order_history(database: Engine, count: int, first: str, last: str) -> None:
    add_orders(database, count, date.fromisoformat(first), date.fromisoformat(last))


@given("the service runs its jobs")
@when("the service runs its jobs")
def the_service_runs(container: RootContainer) -> None:
    container.init_resources()  # as the API's lifespan does: the job runner starts


@when(parsers.parse('I submit a "{kind}" report from "{first}" to "{last}" as "{wire_format}"'))
def submit_a_report(
    container: RootContainer,
    submissions: Submissions,
    refusal: Refusal,
    kind: str,
    first: str,
    last: str,
    wire_format: str,
) -> None:
    request: JsonObject = {"kind": kind, "start_date": first, "end_date": last, "format": wire_format}
    submit_report(container, submissions, refusal, request)


@when(parsers.parse("the job succeeds on attempt {attempt:d}"))
@then(parsers.parse("the job succeeds on attempt {attempt:d}"))
def job_succeeds(container: RootContainer, submissions: Submissions, attempt: int) -> None:
    job = wait_until_ended(container, submissions.job_id)
    assert (job.status, job.error, job.attempt) == (JobStatus.SUCCEEDED, None, attempt)


@then(parsers.parse("the job counted {count:d} changed products"))
def job_counted(container: RootContainer, submissions: Submissions, count: int) -> None:
    progress = job_of(container, submissions.job_id).progress
    assert (progress.done, progress.unit) == (count, "rows")


@then(
    parsers.parse(
        "the stock of the first {count:d} products rose by exactly {delta:d}, and no other stock changed"
    )
)
def first_stocks_rose(
    database: Engine, catalog_before: dict[int, ProductRow], count: int, delta: int
) -> None:
    before = stock_by_id(catalog_before)
    expected = {i: stock + (delta if n < count else 0) for n, (i, stock) in enumerate(before.items())}
    assert stock_by_id(product_rows(database)) == expected


@then("the second submission returned the first job without creating one")
def replayed(submissions: Submissions) -> None:
    first, second = submissions.accepted
    assert (first.created, second.created) == (True, False)
    assert second.job.id == first.job.id


@then(parsers.re(r'"(?P<owner>[^"]+)" has (?P<count>\d+) jobs?'), converters={"count": int})
def owner_has_jobs(container: RootContainer, owner: str, count: int) -> None:
    listed = container.jobs.list_jobs().execute(ListJobsCommand(owner=owner, limit=100))
    assert len(listed.items) == count


@then(parsers.parse('the request is refused because of "{field}"'))
def refused_because_of(refusal: Refusal, field: str) -> None:
    assert refusal.error is not None, "the request was accepted"
    assert getattr(refusal.error, "field", None) == field, refusal.error.detail


@then(parsers.parse("the {action} is refused as a conflict"))
def refused_as_conflict(refusal: Refusal, action: str) -> None:
    assert isinstance(refusal.error, Conflict), f"the {action} was not refused: {refusal.error!r}"
