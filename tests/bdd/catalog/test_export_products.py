"""Steps of features/catalog/export_products.feature: the CSV export through its use case, and its
download over HTTP through a real server."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

from pytest_bdd import parsers, scenarios, then, when

from spacetime_service.application.catalog.stream_products import StreamProductsCommand
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.domain.products import ProductFilter
from tests.bdd.catalog.received import Received, received_over_http

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.bootstrap.containers.root import RootContainer

scenarios("catalog/export_products.feature")


def _cells(received: Received) -> list[list[str]]:
    return list(csv.reader(io.StringIO(received.body.decode())))


@when("I export the products as CSV", target_fixture="received")
def export_csv(container: RootContainer) -> Received:
    command = StreamProductsCommand(ProductFilter(), WireFormat.CSV)
    return Received(b"".join(container.catalog.stream_products().execute(command).chunks))


@when(parsers.parse('a client downloads "{path}" over HTTP'), target_fixture="received")
def client_downloads(database_url: str, tmp_path: Path, path: str) -> Received:
    return received_over_http(database_url, tmp_path, path)


@then(parsers.parse('the first line is the header "{header}"'))
def header_line(received: Received, header: str) -> None:
    assert received.lines[0].decode() == header


@then(parsers.parse("the file has {count:d} product rows"))
def product_row_count(received: Received, count: int) -> None:
    assert len(_cells(received)) - 1 == count


@then(parsers.parse('no cell starts with "{prefix}"'))
def no_cell_starts_with(received: Received, prefix: str) -> None:
    assert not any(cell.startswith(prefix) for row in _cells(received) for cell in row)


@then(parsers.parse('a cell reads "{value}"'))
def a_cell_reads(received: Received, value: str) -> None:
    assert any(cell == value for row in _cells(received) for cell in row)


@then(parsers.parse('the response names the file "{filename}"'))
def names_the_file(received: Received, filename: str) -> None:
    disposition = received.headers["content-disposition"]
    assert "attachment" in disposition
    assert f'filename="{filename}"' in disposition
