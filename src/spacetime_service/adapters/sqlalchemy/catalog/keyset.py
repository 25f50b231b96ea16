"""Keyset pages on (sort field, id), ascending or descending.

A page asks for one row more than its size to know whether another page follows. The position that
ends a page holds the sort field's wire value (money as "12.34", ints as ints, times as UTC ISO text),
which is turned back into a column value here; a value of the wrong type is refused as InvalidInput.
Times keep their microseconds in the position when they have any, so rows within one second are
neither skipped nor repeated.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Column, ColumnElement, Connection, Row, Table, bindparam, select, tuple_

from spacetime_service.adapters.sqlalchemy.schema.column_kinds import ColumnKind, kind_of
from spacetime_service.application.encoding.wire import wire_money, wire_time
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.money import parse_money
from spacetime_service.domain.pagination import Direction, Page, PageRequest, Position

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

T = TypeVar("T")


def keyset_page(
    connection: Connection,
    table: Table,
    conditions: Sequence[ColumnElement[bool]],
    request: PageRequest,
    *,
    allowed_sorts: Sequence[str],
    build: Callable[[Row[tuple[object, ...]]], T],
) -> Page[T]:
    field = request.sort.require_in(allowed_sorts).field
    sort_column, id_column = table.c[field], table.c.id
    descending = request.sort.direction is Direction.DESC
    statement = select(table).where(*conditions)
    if request.after is not None:
        statement = statement.where(_after(sort_column, id_column, request.after, descending))
    keys = [id_column] if field == "id" else [sort_column, id_column]
    statement = statement.order_by(*(key.desc() if descending else key.asc() for key in keys))
    rows = connection.execute(statement.limit(request.size + 1)).all()
    next_position = None
    if len(rows) > request.size:
        last = rows[request.size - 1]._mapping
        value = position_value(sort_column, last[field])
        next_position = Position(field, value, last["id"], request.sort.direction)
    return Page([build(row) for row in rows[: request.size]], next_position)


def position_value(column: Column[object], value: object) -> str | int:
    """The wire value of a sort column, as the position (and hence the cursor) carries it."""
    kind = kind_of(column)
    if kind is ColumnKind.MONEY and isinstance(value, Decimal):
        return wire_money(value)
    if kind is ColumnKind.TIME and isinstance(value, datetime):
        return wire_time(value) if value.microsecond == 0 else value.astimezone(UTC).isoformat()
    if isinstance(value, int | str):
        return value
    raise TypeError(f"cannot place a {type(value).__name__} in a position")


def column_value(column: Column[object], value: object) -> object:
    """The column value that a position's wire value stands for, or InvalidInput."""
    kind = kind_of(column)
    if kind is ColumnKind.INTEGER and isinstance(value, int) and not isinstance(value, bool):
        return value
    if kind is ColumnKind.TEXT and isinstance(value, str):
        return value
    if kind is ColumnKind.MONEY and isinstance(value, str):
        try:
            return parse_money(value)
        except InvalidInput:
            pass
    if kind is ColumnKind.TIME and isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            moment = None
        if moment is not None and moment.tzinfo is not None:
            return moment
    raise InvalidInput(f"the cursor holds no valid {column.name}; start again without it", field="cursor")


def _after(
    sort_column: Column[object], id_column: Column[object], after: Position, descending: bool
) -> ColumnElement[bool]:
    last_id = column_value(id_column, after.id)
    last_value = column_value(sort_column, after.value)
    if sort_column is id_column:
        return id_column < last_id if descending else id_column > last_id
    # Row-value comparison: one range over the (field, id) index, on SQLite and PostgreSQL alike.
    keys = tuple_(sort_column, id_column)
    bound = tuple_(
        bindparam(None, last_value, type_=sort_column.type),
        bindparam(None, last_id, type_=id_column.type),
    )
    return keys < bound if descending else keys > bound
