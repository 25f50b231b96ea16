"""The order history in a SQL database, read with SQLAlchemy Core on the unit of work's connection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select

from spacetime_service.adapters.sqlalchemy.catalog.domain_rows import order_from_row
from spacetime_service.adapters.sqlalchemy.catalog.filters import order_conditions
from spacetime_service.adapters.sqlalchemy.catalog.keyset import keyset_page
from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.exports.encoded_rows import encoded_rows
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders
from spacetime_service.application.ports.order_reader import ORDER_SORT_FIELDS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from sqlalchemy import Connection

    from spacetime_service.application.encoding.table_encoding import TableEncoding
    from spacetime_service.domain.orders import Order, OrderFilter
    from spacetime_service.domain.pagination import Page, PageRequest


class SqlAlchemyOrderReader:
    """Orders as domain objects; pages are keyset pages over the (field, id) indexes."""

    def __init__(self, connection: Connection, fetch_rows: int) -> None:
        self._connection = connection
        self._fetch_rows = fetch_rows

    def get(self, order_id: int) -> Order | None:
        with translated_errors():
            row = self._connection.execute(select(orders).where(orders.c.id == order_id)).first()
        return None if row is None else order_from_row(row)

    def page(self, order_filter: OrderFilter, request: PageRequest) -> Page[Order]:
        with translated_errors():
            return keyset_page(
                self._connection,
                orders,
                order_conditions(order_filter),
                request,
                allowed_sorts=ORDER_SORT_FIELDS,
                build=order_from_row,
            )

    def encoded(self, order_filter: OrderFilter, encoding: TableEncoding) -> Iterator[bytes]:
        conditions = order_conditions(order_filter)
        with translated_errors():
            yield from encoded_rows(self._connection, orders, conditions, encoding, self._fetch_rows)
