"""Steps of features/products/import.feature: uploads through the use case (or a real server), the
import job run by the container's runner, and the catalog read back. The steps of
features/products/bulk_update.feature are the shared job steps (tests/bdd/job_steps.py)."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from pytest_bdd import parsers, then, when
from sqlalchemy import func, select

from spacetime_service.adapters.sqlalchemy.catalog.domain_rows import product_from_row
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.imports.import_products import ImportProductsCommand
from spacetime_service.application.jobs.get_job import GetJobCommand
from spacetime_service.domain.errors import DomainError
from spacetime_service.domain.imports import InvalidRow
from tests.bdd.catalog_world import World
from tests.bdd.job_steps import *  # noqa: F403
from tests.e2e.http.live_server import live_server
from tests.e2e.jobs.waiting import wait_for_end

DEADLINE_SECONDS = 60.0


@dataclass
class ImportOutcome:
    """The ended import job (its status and counts), or the error that refused the upload."""

    status: str | None = None
    counts: dict[str, Any] = field(default_factory=dict)
    error: DomainError | None = None


@pytest.fixture
def outcome() -> ImportOutcome:
    return ImportOutcome()


def _import(world: World, outcome: ImportOutcome, docstring: str, wire_format: WireFormat) -> None:
    command = ImportProductsCommand("bdd", [(docstring + "\n").encode()], wire_format)
    try:
        job = world.container.imports.import_products().execute(command).job
    except DomainError as error:
        outcome.error = error
        return
    deadline = time.monotonic() + DEADLINE_SECONDS
    while not job.status.is_terminal and time.monotonic() < deadline:
        time.sleep(0.05)
        job = world.container.jobs.get_job().execute(GetJobCommand(job.id))
    outcome.status = job.status.value
    outcome.counts = json.loads(job.result_ref or "{}")


@when("I import the CSV file")
def import_csv(world: World, outcome: ImportOutcome, docstring: str) -> None:
    _import(world, outcome, docstring, WireFormat.CSV)


@when("I import the NDJSON file")
def import_ndjson(world: World, outcome: ImportOutcome, docstring: str) -> None:
    _import(world, outcome, docstring, WireFormat.NDJSON)


@when("a client imports the NDJSON file over HTTP")
def import_over_http(
    world: World, outcome: ImportOutcome, database_url: str, tmp_path: Path, docstring: str
) -> None:
    env = {"SPACETIME_CURSOR_SECRET": "feature-secret", "SPACETIME_POLL_SECONDS": "0.2"}
    with (
        live_server(database_url, tmp_path, env) as base_url,
        httpx.Client(base_url=base_url, timeout=30) as client,
    ):
        response = client.post(
            "/products/import", content=docstring.encode(), headers={"Content-Type": "application/x-ndjson"}
        )
        assert response.status_code == 202, response.text
        job = wait_for_end(client, response.json()["id"], DEADLINE_SECONDS)
    outcome.status = job["status"]
    outcome.counts = json.loads(job["result_ref"] or "{}")


@then(parsers.parse("the import job succeeds with {inserted:d} inserted and {updated:d} updated"))
def job_succeeds(outcome: ImportOutcome, inserted: int, updated: int) -> None:
    assert outcome.error is None, outcome.error
    assert outcome.status == "succeeded"
    assert (outcome.counts["inserted"], outcome.counts["updated"]) == (inserted, updated)


@then(parsers.parse('the product "{sku}" has the name "{name}" and the price "{price}"'))
def product_values(world: World, sku: str, name: str, price: str) -> None:
    with world.engine.connect() as connection:
        product = product_from_row(connection.execute(select(products).where(products.c.sku == sku)).one())
    assert (product.name, str(product.price)) == (name, price)


@then(parsers.parse("the catalog has {count:d} products"))
def catalog_size(world: World, count: int) -> None:
    with world.engine.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(products)) == count


@then(parsers.parse('the upload is refused at line {line:d} because of "{field}"'))
def refused_at_line(outcome: ImportOutcome, line: int, field: str) -> None:
    assert isinstance(outcome.error, InvalidRow), outcome
    assert (outcome.error.line, outcome.error.field) == (line, field)
