"""The catalog in a SQL database, read with SQLAlchemy Core on the unit of work's connection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from spacetime_service.adapters.sqlalchemy.catalog.domain_rows import product_from_row
from spacetime_service.adapters.sqlalchemy.catalog.filters import product_conditions
from spacetime_service.adapters.sqlalchemy.catalog.keyset import keyset_page
from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.exports.encoded_rows import encoded_rows
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import products
from spacetime_service.application.ports.product_repository import PRODUCT_SORT_FIELDS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.encoding.table_encoding import TableEncoding
    from spacetime_service.domain.pagination import Page, PageRequest
    from spacetime_service.domain.products import Product, ProductFilter


class SqlAlchemyProductRepository:
    """Products as domain objects; pages are keyset pages over the (field, id) indexes."""

    def __init__(self, connection: Connection, fetch_rows: int) -> None:
        self._connection = connection
        self._fetch_rows = fetch_rows

    def get(self, product_id: int) -> Product | None:
        with translated_errors():
            row = self._connection.execute(select(products).where(products.c.id == product_id)).first()
        return None if row is None else product_from_row(row)

    def page(self, product_filter: ProductFilter, request: PageRequest) -> Page[Product]:
        with translated_errors():
            return keyset_page(
                self._connection,
                products,
                product_conditions(product_filter),
                request,
                allowed_sorts=PRODUCT_SORT_FIELDS,
                build=product_from_row,
            )

    def count(self, product_filter: ProductFilter) -> int:
        statement = select(func.count()).select_from(products).where(*product_conditions(product_filter))
        with translated_errors():
            return int(self._connection.execute(statement).scalar_one())

    def encoded(self, product_filter: ProductFilter, encoding: TableEncoding) -> Iterator[bytes]:
        conditions = product_conditions(product_filter)
        with translated_errors():
            yield from encoded_rows(self._connection, products, conditions, encoding, self._fetch_rows)
