"""Steps of features/imports/import_products.feature: uploads through the use case (or a real server),
the import job run by the process's runner, and the catalog read back."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import httpx
from pytest_bdd import parsers, scenarios, then, when
from sqlalchemy import Engine, func, select

from spacetime_service.adapters.sqlalchemy.catalog.domain_rows import product_from_row
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.imports.import_products import ImportProductsCommand
from spacetime_service.domain.errors import DomainError
from spacetime_service.domain.imports import InvalidRow
from tests.bdd.job_waits import wait_until_ended
from tests.bdd.service_processes import CURSOR_SECRET, DEADLINE_SECONDS
from tests.bdd.submissions import OWNER
from tests.support.job_waiting import wait_for_end
from tests.support.uvicorn_server import live_server

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.bootstrap.containers.root import RootContainer

scenarios("imports/import_products.feature")


@dataclass(frozen=True)
class ImportOutcome:
    """The ended import job (its status and counts), or the error that refused the upload."""

    status: str | None = None
    counts: dict[str, Any] = field(default_factory=dict)
    error: DomainError | None = None


def _import(container: RootContainer, docstring: str, wire_format: WireFormat) -> ImportOutcome:
    command = ImportProductsCommand(OWNER, [(docstring + "\n").encode()], wire_format)
    try:
        job = container.imports.import_products().execute(command).job
    except DomainError as error:
        return ImportOutcome(error=error)
    ended = wait_until_ended(container, job.id)
    return ImportOutcome(ended.status.value, json.loads(ended.result_ref or "{}"))


@when("I import the CSV file", target_fixture="outcome")
def import_csv(container: RootContainer, docstring: str) -> ImportOutcome:
    return _import(container, docstring, WireFormat.CSV)


@when("I import the NDJSON file", target_fixture="outcome")
def import_ndjson(container: RootContainer, docstring: str) -> ImportOutcome:
    return _import(container, docstring, WireFormat.NDJSON)


@when("a client imports the NDJSON file over HTTP", target_fixture="outcome")
def import_over_http(database_url: str, tmp_path: Path, docstring: str) -> ImportOutcome:
    env = {"SPACETIME_CURSOR_SECRET": CURSOR_SECRET, "SPACETIME_POLL_SECONDS": "0.2"}
    with (
        live_server(database_url, tmp_path, env) as base_url,
        httpx.Client(base_url=base_url, timeout=30) as client,
    ):
        response = client.post(
            "/products/import", content=docstring.encode(), headers={"Content-Type": "application/x-ndjson"}
        )
        assert response.status_code == 202, response.text
        job = wait_for_end(client, response.json()["id"], DEADLINE_SECONDS)
    return ImportOutcome(job["status"], json.loads(job["result_ref"] or "{}"))


@then(parsers.parse("the import job succeeds with {inserted:d} inserted and {updated:d} updated"))
def job_succeeds(outcome: ImportOutcome, inserted: int, updated: int) -> None:
    assert outcome.error is None, outcome.error
    assert outcome.status == "succeeded"
    assert (outcome.counts["inserted"], outcome.counts["updated"]) == (inserted, updated)


@then(parsers.parse('the product "{sku}" has the name "{name}" and the price "{price}"'))
def product_values(database: Engine, sku: str, name: str, price: str) -> None:
    with database.connect() as connection:
        product = product_from_row(connection.execute(select(products).where(products.c.sku == sku)).one())
    assert (product.name, str(product.price)) == (name, price)


@then(parsers.parse("the catalog has {count:d} products"))
def catalog_size(database: Engine, count: int) -> None:
    with database.connect() as connection:
        assert connection.scalar(select(func.count()).select_from(products)) == count


@then(parsers.parse('the upload is refused at line {line:d} because of "{field}"'))
def refused_at_line(outcome: ImportOutcome, line: int, field: str) -> None:
    assert isinstance(outcome.error, InvalidRow), outcome
    assert (outcome.error.line, outcome.error.field) == (line, field)
