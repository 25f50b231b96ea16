"""A client that goes away mid-export: closing the stream stops the query and frees the connection,
even while the database is still producing rows."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

import pytest
from sqlalchemy import Engine, text

from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from spacetime_service.application.encoding.table_encoding import TableEncoding, WireFormat
from spacetime_service.application.encoding.wire import ORDER_COLUMNS
from spacetime_service.domain.orders import OrderFilter

if TYPE_CHECKING:
    from collections.abc import Generator

ORDERS = 300_000
MOMENT = datetime(2024, 1, 1, tzinfo=UTC)
_FILL = {
    "sqlite": (
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :count)"
        " INSERT INTO orders (id, customer_id, product_id, quantity, unit_price, status, created_at)"
        " SELECT i, i % 97, 1, 1, i, 'placed', '2024-01-01 00:00:00.000000' FROM n"
    ),
    "postgresql": (
        "INSERT INTO orders (id, customer_id, product_id, quantity, unit_price, status, created_at)"
        " SELECT i, i % 97, 1, 1, i, 'placed', '2024-01-01T00:00:00Z' FROM generate_series(1, :count) AS i"
    ),
}


def fill(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(
            products.insert(),
            {
                "id": 1, "sku": "S1", "name": "n", "description": "", "category": "books",
                "price": Decimal("1.00"), "stock": 1, "created_at": MOMENT, "updated_at": MOMENT,
            },
        )  # fmt: skip
        connection.execute(text(_FILL[engine.dialect.name]), {"count": ORDERS})


def active_queries(engine: Engine) -> list[str]:
    with engine.connect() as connection:
        return list(
            connection.execute(
                text(
                    "SELECT query FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND state = 'active'"
                )
            ).scalars()
        )


def stream(engine: Engine, wire_format: WireFormat) -> Generator[bytes, None, None]:
    with SqlAlchemyUnitOfWork(engine, 5000) as uow:
        yield from uow.orders.encoded(OrderFilter(), TableEncoding(wire_format, ORDER_COLUMNS))


@pytest.mark.parametrize("wire_format", list(WireFormat))
def test_closing_after_the_first_chunk_returns_the_connection(
    migrated_engine: Engine, wire_format: WireFormat
) -> None:
    fill(migrated_engine)
    chunks = stream(migrated_engine, wire_format)

    first = next(chunks)
    if migrated_engine.dialect.name == "postgresql":
        assert any("COPY" in query for query in active_queries(migrated_engine)), "the export is mid-way"
    chunks.close()

    assert 0 < len(first) < 1_000_000
    assert migrated_engine.pool.checkedout() == 0  # type: ignore[attr-defined]
    if migrated_engine.dialect.name == "postgresql":
        assert active_queries(migrated_engine) == []
