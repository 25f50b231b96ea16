"""A PostgreSQL export built by several backends is the same bytes as one backend's, from one snapshot."""

from __future__ import annotations

from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, text

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.wire import ORDER_COLUMNS
from spacetime_service.domain.orders import OrderFilter, OrderStatus
from tests.contracts.catalog.conftest import SqlHarness
from tests.contracts.catalog.datasets import sortable_catalog
from tests.contracts.catalog.test_encoded import orders_bytes

if TYPE_CHECKING:
    from collections.abc import Generator, Iterator

pytestmark = pytest.mark.postgres
DATA = sortable_catalog(seed=21, size=700)  # 700 orders: dozens of blocks of a few rows each
ENCODING = TableEncoding(WireFormat.CSV, ORDER_COLUMNS, chunk_bytes=512)


@pytest.fixture
def filled(catalog_postgres_engine: Engine) -> Engine:
    with catalog_postgres_engine.begin() as connection:
        connection.execute(text("TRUNCATE orders, products"))
    SqlHarness(catalog_postgres_engine).load(DATA)
    return catalog_postgres_engine


@contextmanager
def _harness(filled: Engine, backends: int) -> Iterator[SqlHarness]:
    engine = create_database_engine(
        filled.url.render_as_string(hide_password=False), export_backends=backends
    )
    try:
        yield SqlHarness(engine)
    finally:
        engine.dispose()


@pytest.mark.parametrize("backends", [2, 3, 5])
@pytest.mark.parametrize("order_filter", [OrderFilter(), OrderFilter(statuses=(OrderStatus.SHIPPED,))])
def test_several_backends_write_the_bytes_of_one(
    filled: Engine, backends: int, order_filter: OrderFilter
) -> None:
    with _harness(filled, 1) as one:
        expected = orders_bytes(one, order_filter, ENCODING)
    with _harness(filled, backends) as harness:
        assert orders_bytes(harness, order_filter, ENCODING) == expected
        assert harness.connections_in_use() == 0
    assert expected.count(b"\n") > 100


def test_rows_changed_while_exporting_are_not_seen_by_any_backend(filled: Engine) -> None:
    with _harness(filled, 1) as one:
        expected = orders_bytes(one, OrderFilter(), ENCODING)
    with _harness(filled, 3) as harness:
        with harness.uow() as uow:
            chunks = uow.orders.encoded(OrderFilter(), ENCODING)
            body = next(chunks)
            with filled.begin() as connection:  # another client changes rows of every later block
                connection.execute(text("UPDATE orders SET quantity = quantity + 1"))
                connection.execute(text("DELETE FROM orders WHERE id % 3 = 0"))
            body += b"".join(chunks)
        assert body == expected
        assert harness.connections_in_use() == 0


def test_a_stream_closed_early_releases_every_backend(filled: Engine) -> None:
    with _harness(filled, 3) as harness:

        def stream() -> Generator[bytes, None, None]:
            with harness.uow() as uow:
                yield from uow.orders.encoded(OrderFilter(), ENCODING)

        chunks = stream()
        next(chunks)
        chunks.close()
        assert harness.connections_in_use() == 0
        assert harness.running_queries() == []
