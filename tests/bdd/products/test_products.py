"""Steps of features/products: listing, streaming, searching and exporting the catalog."""

from __future__ import annotations

import csv
import io
import itertools
from decimal import Decimal
from pathlib import Path

import httpx
import orjson
from pytest_bdd import parsers, scenarios, then, when

from spacetime_service.application.catalog.list_products import ListProductsCommand
from spacetime_service.application.catalog.search_products import SearchProductsCommand
from spacetime_service.application.catalog.stream_products import StreamProductsCommand
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.application.encoding.wire import product_wire
from spacetime_service.domain.errors import DomainError
from spacetime_service.domain.pagination import Sort
from spacetime_service.domain.products import ProductFilter
from tests.bdd.catalog_world import World
from tests.e2e.http.live_server import live_server

scenarios("products")


def _list(world: World, command: ListProductsCommand) -> None:
    use_case = world.container.catalog.list_products()
    try:
        while True:
            page = use_case.execute(command)
            world.listed.extend(dict(product_wire(item)) for item in page.items)
            if page.next_cursor is None:
                return
            command = ListProductsCommand(
                command.product_filter, command.sort, command.limit, page.next_cursor
            )
    except DomainError as error:
        world.error = error


@when(parsers.parse('I list products {size:d} at a time sorted by "{field}"'))
def list_all_pages(world: World, size: int, field: str) -> None:
    _list(world, ListProductsCommand(ProductFilter(), Sort(field), size))


@when(parsers.parse('I list products sorted by "{field}"'))
def list_sorted(world: World, field: str) -> None:
    _list(world, ListProductsCommand(ProductFilter(), Sort(field), 50))


@when(parsers.parse('I list products in category "{category}" priced between "{low}" and "{high}"'))
def list_filtered(world: World, category: str, low: str, high: str) -> None:
    product_filter = ProductFilter(categories=(category,), min_price=Decimal(low), max_price=Decimal(high))
    _list(world, ListProductsCommand(product_filter, Sort("id"), 25))


@when(parsers.parse('I list products with the cursor "{cursor}"'))
def list_with_cursor(world: World, cursor: str) -> None:
    _list(world, ListProductsCommand(ProductFilter(), Sort("id"), 25, cursor))


@then(parsers.parse("I see {count:d} products in total"))
def seen_in_total(world: World, count: int) -> None:
    assert len(world.listed) == count


@then("no product appears twice")
def no_duplicates(world: World) -> None:
    ids = [item["id"] for item in world.listed]
    assert len(ids) == len(set(ids))


@then("the prices never decrease")
def prices_ascending(world: World) -> None:
    prices = [Decimal(str(item["price"])) for item in world.listed]
    assert prices == sorted(prices)


@then(parsers.parse('every product listed is in category "{category}"'))
def all_in_category(world: World, category: str) -> None:
    assert world.listed, "nothing was listed"
    assert {item["category"] for item in world.listed} == {category}


@then(parsers.parse('every price listed is between "{low}" and "{high}"'))
def all_priced_between(world: World, low: str, high: str) -> None:
    assert all(Decimal(low) <= Decimal(str(item["price"])) <= Decimal(high) for item in world.listed)


def _stream(world: World, wire_format: WireFormat, columns: tuple[str, ...] = ()) -> None:
    stream = world.container.catalog.stream_products().execute(
        StreamProductsCommand(ProductFilter(), wire_format, columns)
    )
    world.body = b"".join(stream.chunks)
    world.lines = world.body.splitlines()


@when("I stream the products as NDJSON")
def stream_ndjson(world: World) -> None:
    _stream(world, WireFormat.NDJSON)


@when(parsers.parse('I stream the products as NDJSON with the columns "{columns}"'))
def stream_columns(world: World, columns: str) -> None:
    _stream(world, WireFormat.NDJSON, tuple(columns.split(",")))


@when("I export the products as CSV")
def export_csv(world: World) -> None:
    _stream(world, WireFormat.CSV)


@then(parsers.parse("I receive {count:d} JSON lines"))
def received_lines(world: World, count: int) -> None:
    assert len([orjson.loads(line) for line in world.lines]) == count


@then("the ids are strictly increasing")
def ids_increasing(world: World) -> None:
    ids = [orjson.loads(line)["id"] for line in world.lines]
    assert all(a < b for a, b in itertools.pairwise(ids))


@then(parsers.parse('every line has exactly the keys "{keys}"'))
def exact_keys(world: World, keys: str) -> None:
    assert all(list(orjson.loads(line)) == keys.split(",") for line in world.lines)


@when(parsers.parse('I search for "{text}"'))
def search(world: World, text: str) -> None:
    try:
        listing = ListProductsCommand(ProductFilter(text=text), Sort("id"), 100)
        page = world.container.catalog.search_products().execute(SearchProductsCommand(listing))
    except DomainError as error:
        world.error = error
        return
    world.listed = [dict(product_wire(item)) for item in page.items]


@then(parsers.parse('the results include "{name}"'))
def results_include(world: World, name: str) -> None:
    assert name in {item["name"] for item in world.listed}


@then(parsers.parse('every result contains "{text}"'))
def every_result_contains(world: World, text: str) -> None:
    assert world.listed
    for item in world.listed:
        haystack = f"{item['name']} {item['description']} {item['sku']}".lower()
        assert text.lower() in haystack


def _csv_rows(world: World) -> list[list[str]]:
    return list(csv.reader(io.StringIO(world.body.decode())))


@then(parsers.parse('the first line is the header "{header}"'))
def header_line(world: World, header: str) -> None:
    assert world.lines[0].decode() == header


@then(parsers.parse("the file has {count:d} product rows"))
def product_rows(world: World, count: int) -> None:
    assert len(_csv_rows(world)) - 1 == count


@then(parsers.parse('no cell starts with "{prefix}"'))
def no_cell_starts_with(world: World, prefix: str) -> None:
    assert not any(cell.startswith(prefix) for row in _csv_rows(world) for cell in row)


@then(parsers.parse('a cell reads "{value}"'))
def a_cell_reads(world: World, value: str) -> None:
    assert any(cell == value for row in _csv_rows(world) for cell in row)


def _over_http(world: World, database_url: str, tmp_path: Path, path: str) -> None:
    with live_server(database_url, tmp_path, {"SPACETIME_CURSOR_SECRET": "feature-secret"}) as base_url:
        response = httpx.get(base_url + path, timeout=30)
    assert response.status_code == 200, response.text
    world.response_headers = dict(response.headers)
    world.body = response.content
    world.lines = world.body.splitlines()


@when(parsers.parse('a client streams "{path}" over HTTP'))
def client_streams(world: World, database_url: str, tmp_path: Path, path: str) -> None:
    _over_http(world, database_url, tmp_path, path)


@when(parsers.parse('a client downloads "{path}" over HTTP'))
def client_downloads(world: World, database_url: str, tmp_path: Path, path: str) -> None:
    _over_http(world, database_url, tmp_path, path)


@then(parsers.parse('the response has the media type "{media_type}"'))
def media_type(world: World, media_type: str) -> None:
    assert world.response_headers["content-type"].split(";")[0] == media_type


@then(parsers.parse('the response names the file "{filename}"'))
def names_the_file(world: World, filename: str) -> None:
    disposition = world.response_headers["content-disposition"]
    assert "attachment" in disposition
    assert f'filename="{filename}"' in disposition
