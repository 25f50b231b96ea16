"""Steps of features/catalog/stream_products.feature: the NDJSON stream through its use case, and over
HTTP through a real server."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

import orjson
from pytest_bdd import parsers, scenarios, then, when

from spacetime_service.application.catalog.stream_products import StreamProductsCommand
from spacetime_service.application.encoding.table_encoding import WireFormat
from spacetime_service.domain.products import ProductFilter
from tests.bdd.catalog.received import Received, received_over_http

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.bootstrap.containers.root import RootContainer

scenarios("catalog/stream_products.feature")


def _streamed(container: RootContainer, columns: tuple[str, ...] = ()) -> Received:
    command = StreamProductsCommand(ProductFilter(), WireFormat.NDJSON, columns)
    return Received(b"".join(container.catalog.stream_products().execute(command).chunks))


@when("I stream the products as NDJSON", target_fixture="received")
def stream_ndjson(container: RootContainer) -> Received:
    return _streamed(container)


@when(
    parsers.parse('I stream the products as NDJSON with the columns "{columns}"'), target_fixture="received"
)
def stream_columns(container: RootContainer, columns: str) -> Received:
    return _streamed(container, tuple(columns.split(",")))


@when(parsers.parse('a client streams "{path}" over HTTP'), target_fixture="received")
def client_streams(database_url: str, tmp_path: Path, path: str) -> Received:
    return received_over_http(database_url, tmp_path, path)


@then(parsers.parse("I receive {count:d} JSON lines"))
def received_lines(received: Received, count: int) -> None:
    assert len([orjson.loads(line) for line in received.lines]) == count


@then("the ids are strictly increasing")
def ids_increasing(received: Received) -> None:
    ids = [orjson.loads(line)["id"] for line in received.lines]
    assert all(a < b for a, b in itertools.pairwise(ids))


@then(parsers.parse('every line has exactly the keys "{keys}"'))
def exact_keys(received: Received, keys: str) -> None:
    assert all(list(orjson.loads(line)) == keys.split(",") for line in received.lines)


@then(parsers.parse('the response has the media type "{media_type}"'))
def media_type(received: Received, media_type: str) -> None:
    assert received.headers["content-type"].split(";")[0] == media_type
