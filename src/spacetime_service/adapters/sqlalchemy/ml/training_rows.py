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
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Engine,
    Float,
    Select,
    String,
    Table,
    bindparam,
    cast,
    func,
    select,
    type_coerce,
)

from spacetime_service.adapters.sqlalchemy.errors import translated_errors
from spacetime_service.adapters.sqlalchemy.schema.catalog_tables import orders, products
from spacetime_service.domain.ml.fields import RecordSource
from spacetime_service.domain.ml.records import RecordChunk
from spacetime_service.domain.ml.specs import DataRange

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from sqlalchemy import Connection

    from spacetime_service.application.ports.training_data import IdWindow


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
        read = _Read(self._engine, source, data_range, fields)
        window = read.window_query()
        last = after_id
        while True:
            with translated_errors(), self._engine.connect() as connection:
                rows = read.rows(
                    connection, window, {"after_id": last, "upper_id": upper_id, "rows": chunk_rows}
                )
            if not rows:
                return
            chunk = read.chunk(rows)
            yield chunk
            last = chunk.last_id
            if len(rows) < chunk_rows:
                return

    def windows(
        self, source: RecordSource, data_range: DataRange, fields: Sequence[str], windows: Sequence[IdWindow]
    ) -> RecordChunk:
        # One statement and one connection for all the windows, and the rows turned into columns once:
        # a training chunk is 32 short reads, and building a statement, a connection and a chunk per
        # read cost as much CPU as reading the rows.
        read = _Read(self._engine, source, data_range, fields)
        window = read.window_query()
        rows: list[Sequence[Any]] = []
        with translated_errors(), self._engine.connect() as connection:
            for after_id, upper_id, limit in windows:
                rows += read.rows(
                    connection, window, {"after_id": after_id, "upper_id": upper_id, "rows": limit}
                )
        return read.chunk(rows)

    def ids(
        self, source: RecordSource, data_range: DataRange, *, after_id: int, upper_id: int, limit: int
    ) -> Sequence[int]:
        table = _table(source)
        query = _in_range(select(table.c.id), source, data_range)
        query = query.where(table.c.id > after_id, table.c.id <= upper_id).order_by(table.c.id).limit(limit)
        with translated_errors(), self._engine.connect() as connection:
            result = connection.execute(query)
            # The driver's tuples: an id needs no conversion, and SQLAlchemy's scalars cost 3 times
            # the read itself.
            return list(map(itemgetter(0), result.cursor.fetchall()))

    def records(self, source: RecordSource, fields: Sequence[str], ids: Sequence[int]) -> RecordChunk:
        read = _Read(self._engine, source, DataRange(), fields)
        table = _table(source)
        rows: list[Sequence[Any]] = []
        with translated_errors(), self._engine.connect() as connection:
            for start in range(0, len(ids), _IDS_PER_READ):
                chosen = ids[start : start + _IDS_PER_READ]
                query = read.query.where(table.c.id.in_(chosen)).order_by(table.c.id)
                rows += read.rows(connection, query, {})
        return read.chunk(rows)

    def _scalar(self, query: Select[Any]) -> int | None:
        with translated_errors(), self._engine.connect() as connection:
            value = connection.execute(query).scalar_one_or_none()
        return None if value is None else int(value)


class _Read:
    """The select of `fields` for one source and range, and its rows turned into a chunk."""

    def __init__(
        self, engine: Engine, source: RecordSource, data_range: DataRange, fields: Sequence[str]
    ) -> None:
        self.table, self.fields = _table(source), fields
        columns = dict(_ORDER_FIELDS if source is RecordSource.ORDERS else _PRODUCT_FIELDS)
        self.plain_rows = engine.dialect.name == "sqlite"
        self.as_text = self.plain_rows and "created_at" in fields
        if self.as_text:
            columns["created_at"] = type_coerce(columns["created_at"], String)
        query = select(self.table.c.id, *(columns[name].label(name) for name in fields))
        if source is RecordSource.ORDERS:
            query = query.select_from(orders.join(products, products.c.id == orders.c.product_id))
        self.query = _in_range(query, source, data_range)

    def window_query(self) -> Select[Any]:
        """Keyset page with bound parameters: one statement object for every page, so SQLAlchemy
        compiles it and computes its cache key once."""
        id_ = self.table.c.id
        return (
            self.query.where(id_ > bindparam("after_id"), id_ <= bindparam("upper_id"))
            .order_by(id_)
            .limit(bindparam("rows"))
        )

    def rows(
        self, connection: Connection, query: Select[Any], parameters: dict[str, int]
    ) -> Sequence[Sequence[Any]]:
        result = connection.execute(query, parameters)
        # On SQLite no selected column converts its values (money is a float expression, times come
        # as text), so the driver's own tuples are the rows: 15 % less CPU per read than building
        # SQLAlchemy rows (2.3 s against 1.95 s for 1M orders).
        rows: Sequence[Sequence[Any]] = result.cursor.fetchall() if self.plain_rows else result.all()
        result.close()
        return rows

    def chunk(self, rows: Sequence[Sequence[Any]]) -> RecordChunk:
        if not rows:
            return RecordChunk(ids=[], columns={name: [] for name in self.fields})
        # A list per column through itemgetter: `zip(*rows)` builds tuples of a whole chunk, which
        # costs 2.5 times as much CPU (most of it in the garbage collector).
        values = {name: list(map(itemgetter(i + 1), rows)) for i, name in enumerate(self.fields)}
        if self.as_text:
            values["created_at"] = [datetime.fromisoformat(f"{text}+00:00") for text in values["created_at"]]
        return RecordChunk(ids=list(map(itemgetter(0), rows)), columns=values)


_IDS_PER_READ = 1_000
"""Held-out ids per `IN` list: well below SQLite's and PostgreSQL's bound-parameter limits."""


def _table(source: RecordSource) -> Table:
    return orders if source is RecordSource.ORDERS else products


def _in_range(query: Select[Any], source: RecordSource, data_range: DataRange) -> Select[Any]:
    created_at = orders.c.created_at if source is RecordSource.ORDERS else products.c.created_at
    if data_range.created_from is not None:
        query = query.where(created_at >= data_range.created_from)
    if data_range.created_to is not None:
        query = query.where(created_at < data_range.created_to)
    return query
