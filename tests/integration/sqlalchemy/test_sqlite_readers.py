"""A SQLite export read by several connections at once still reads one snapshot, in order, and lets
writers commit while it runs."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import text

from spacetime_service.adapters.sqlalchemy.engine import create_database_engine
from spacetime_service.adapters.sqlalchemy.exports.postgresql_copy import EXPORT_BACKENDS_OPTION
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from spacetime_service.application.encoding.reference_encoder import encode_rows
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.wire import PRODUCT_COLUMNS, product_wire
from spacetime_service.domain.products import Product, ProductFilter
from tests.contracts.catalog.datasets import BASE_TIME

if TYPE_CHECKING:
    from sqlalchemy import Engine

ENCODING = TableEncoding(WireFormat.CSV, PRODUCT_COLUMNS, chunk_bytes=256)


def _product(product_id: int) -> Product:
    return Product(
        id=product_id, sku=f"S{product_id}", name=f"=name {product_id}", description="a, b",
        category="books", price=Decimal(product_id) / 100, stock=1,
        created_at=BASE_TIME + timedelta(seconds=product_id), updated_at=BASE_TIME,
    )  # fmt: skip


def _insert(engine: Engine, rows: list[Product]) -> None:
    with engine.begin() as connection:
        connection.execute(products.insert(), [{n: getattr(p, n) for n in p.__slots__} for p in rows])


def _engine(url: str, readers: int) -> Engine:
    upgrade_to_head(url)
    return create_database_engine(url).execution_options(**{EXPORT_BACKENDS_OPTION: readers})


def test_a_row_committed_while_the_readers_run_is_not_in_the_export(sqlite_url: str) -> None:
    engine = _engine(sqlite_url, readers=3)
    rows = [_product(product_id) for product_id in range(1, 200)]
    _insert(engine, rows)

    with SqlAlchemyUnitOfWork(engine, 100) as uow:
        chunks = uow.products.encoded(ProductFilter(), ENCODING)
        first = next(chunks)
        _insert(engine, [_product(500)])  # a writer is not blocked by the readers
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM products WHERE id = 150"))
        body = first + b"".join(chunks)

    assert body == b"".join(encode_rows([product_wire(p) for p in rows], ENCODING))
    engine.dispose()


def test_one_reader_and_several_write_the_same_bytes(sqlite_url: str) -> None:
    engine = _engine(sqlite_url, readers=1)
    _insert(engine, [_product(product_id) for product_id in range(1, 120, 2)])
    bodies = []
    for readers in (1, 2, 4):
        with SqlAlchemyUnitOfWork(engine.execution_options(**{EXPORT_BACKENDS_OPTION: readers}), 100) as uow:
            bodies.append(b"".join(uow.products.encoded(ProductFilter(min_id=9), ENCODING)))

    assert bodies[0] == bodies[1] == bodies[2]
    assert bodies[0].count(b"\n") == 1 + len(range(9, 120, 2))
    engine.dispose()


def test_readers_that_outnumber_the_chunks_write_each_row_once(sqlite_url: str) -> None:
    engine = _engine(sqlite_url, readers=1)
    rows: list[Product] = []
    # two rows a chunk; the table grows: no chunk, one, two, three, more chunks than readers
    for count in (0, 1, 3, 6, 17):
        more = [_product(product_id) for product_id in range(3 * len(rows) + 1, 3 * count + 1, 3)]
        if more:
            _insert(engine, more)
        rows += more
        expected = b"".join(encode_rows([product_wire(p) for p in rows], ENCODING))
        for readers in (1, 2, 4):
            with SqlAlchemyUnitOfWork(
                engine.execution_options(**{EXPORT_BACKENDS_OPTION: readers}), 2
            ) as uow:
                body = b"".join(uow.products.encoded(ProductFilter(), ENCODING))
            assert (count, readers, body) == (count, readers, expected)
    engine.dispose()
