"""`encoded` writes exactly the reference encoder's bytes, whatever the text holds."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.encoding.reference_encoder import encode_rows
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.wire import (
    ORDER_COLUMNS,
    PRODUCT_COLUMNS,
    order_wire,
    product_wire,
)
from spacetime_service.domain.orders import OrderFilter, OrderStatus
from spacetime_service.domain.products import ProductFilter
from tests.contracts.catalog.datasets import BASE_TIME, Catalog, sortable_catalog, tricky_catalog

if TYPE_CHECKING:
    from collections.abc import Generator

    from tests.contracts.catalog.conftest import Harness

FORMATS = [WireFormat.CSV, WireFormat.NDJSON]


def products_bytes(harness: Harness, product_filter: ProductFilter, encoding: TableEncoding) -> bytes:
    with harness.uow() as uow:
        chunks = list(uow.products.encoded(product_filter, encoding))
    assert all(chunk.endswith(b"\n") for chunk in chunks), "every chunk ends at a line end"
    return b"".join(chunks)


def orders_bytes(harness: Harness, order_filter: OrderFilter, encoding: TableEncoding) -> bytes:
    with harness.uow() as uow:
        return b"".join(uow.orders.encoded(order_filter, encoding))


def expected_products(catalog: Catalog, encoding: TableEncoding, keep: object = None) -> bytes:
    rows = [product_wire(p) for p in sorted(catalog.products, key=lambda p: p.id) if keep is None or keep(p)]  # type: ignore[operator]
    return b"".join(encode_rows(rows, encoding))


@pytest.mark.parametrize("wire_format", FORMATS)
def test_every_product_column_matches_the_reference_bytes(catalog: Harness, wire_format: WireFormat) -> None:
    data = tricky_catalog()
    catalog.load(data)
    encoding = TableEncoding(wire_format, PRODUCT_COLUMNS)

    assert products_bytes(catalog, ProductFilter(), encoding) == expected_products(data, encoding)


@pytest.mark.parametrize("column", PRODUCT_COLUMNS)
def test_a_single_column_csv_matches_the_reference_bytes(catalog: Harness, column: str) -> None:
    # one column is where an empty cell must be written as "" and `\.` stays bare
    data = tricky_catalog()
    catalog.load(data)
    encoding = TableEncoding(WireFormat.CSV, (column,))

    assert products_bytes(catalog, ProductFilter(), encoding) == expected_products(data, encoding)


@pytest.mark.parametrize("wire_format", FORMATS)
def test_chosen_columns_come_in_the_chosen_order(catalog: Harness, wire_format: WireFormat) -> None:
    data = tricky_catalog()
    catalog.load(data)
    encoding = TableEncoding(wire_format, ("updated_at", "description", "price", "id"))

    body = products_bytes(catalog, ProductFilter(), encoding)

    assert body == expected_products(data, encoding)
    if wire_format is WireFormat.CSV:
        assert body.startswith(b"updated_at,description,price,id\n")


@pytest.mark.parametrize("wire_format", FORMATS)
def test_orders_match_the_reference_bytes(catalog: Harness, wire_format: WireFormat) -> None:
    data = tricky_catalog()
    catalog.load(data)
    encoding = TableEncoding(wire_format, ORDER_COLUMNS)

    expected = b"".join(encode_rows([order_wire(o) for o in data.orders], encoding))
    assert orders_bytes(catalog, OrderFilter(), encoding) == expected


@pytest.mark.parametrize("wire_format", FORMATS)
def test_a_filtered_stream_holds_only_the_matching_rows(catalog: Harness, wire_format: WireFormat) -> None:
    data = sortable_catalog(seed=5)
    catalog.load(data)
    encoding = TableEncoding(wire_format, PRODUCT_COLUMNS)
    product_filter = ProductFilter(categories=("toys",), text="100%")

    body = products_bytes(catalog, product_filter, encoding)

    def keep(p: object) -> bool:
        return p.category == "toys" and "100%" in p.description.lower()  # type: ignore[attr-defined]

    assert body == expected_products(data, encoding, keep)
    assert body.count(b"\n") < len(data.products)


def test_filtered_orders_stream(catalog: Harness) -> None:
    data = sortable_catalog(seed=6)
    catalog.load(data)
    encoding = TableEncoding(WireFormat.NDJSON, ORDER_COLUMNS)
    order_filter = OrderFilter(
        created_from=BASE_TIME + timedelta(seconds=1),
        created_to=BASE_TIME + timedelta(hours=2),
        statuses=(OrderStatus.PLACED, OrderStatus.RETURNED),
    )

    kept = [o for o in sorted(data.orders, key=lambda o: o.id) if order_filter_keeps(order_filter, o)]

    assert orders_bytes(catalog, order_filter, encoding) == b"".join(
        encode_rows([order_wire(o) for o in kept], encoding)
    )
    assert kept, "the filter should keep some orders"


def order_filter_keeps(order_filter: OrderFilter, order: object) -> bool:
    created = order.created_at  # type: ignore[attr-defined]
    return (
        order_filter.created_from is not None
        and order_filter.created_to is not None
        and order_filter.created_from <= created < order_filter.created_to
        and order.status in order_filter.statuses  # type: ignore[attr-defined]
    )


def test_small_chunks_hold_whole_lines(catalog: Harness) -> None:
    data = sortable_catalog(seed=7, size=60)
    catalog.load(data)
    encoding = TableEncoding(WireFormat.NDJSON, PRODUCT_COLUMNS, chunk_bytes=512)

    with catalog.uow() as uow:
        chunks = list(uow.products.encoded(ProductFilter(), encoding))

    assert len(chunks) > 3
    assert all(chunk.endswith(b"\n") for chunk in chunks)
    assert b"".join(chunks) == expected_products(data, encoding)


@pytest.mark.parametrize(
    ("wire_format", "expected"), [(WireFormat.CSV, b"id,name\n"), (WireFormat.NDJSON, b"")]
)
def test_an_empty_result_is_a_header_or_nothing(
    catalog: Harness, wire_format: WireFormat, expected: bytes
) -> None:
    catalog.load(tricky_catalog())
    encoding = TableEncoding(wire_format, ("id", "name"))

    assert products_bytes(catalog, ProductFilter(ids=(10_000,)), encoding) == expected


@pytest.mark.parametrize("wire_format", FORMATS)
def test_closing_a_stream_early_releases_the_database(catalog: Harness, wire_format: WireFormat) -> None:
    data = sortable_catalog(seed=8, size=200)
    catalog.load(data)
    encoding = TableEncoding(wire_format, ORDER_COLUMNS, chunk_bytes=256)

    def stream() -> Generator[bytes, None, None]:
        # as the use cases do: the unit of work lives as long as the stream
        with catalog.uow() as uow:
            yield from uow.orders.encoded(OrderFilter(), encoding)

    chunks = stream()
    first = next(chunks)
    chunks.close()

    assert first.endswith(b"\n")
    assert catalog.connections_in_use() == 0
    assert catalog.running_queries() == []
