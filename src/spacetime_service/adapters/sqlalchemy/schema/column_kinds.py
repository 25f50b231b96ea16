"""What kind of wire value each table column becomes; the SQL formatters and the keyset cursors
decide by kind, read off the column types in `tables`, so the tables stay the single source."""

from __future__ import annotations

from enum import Enum

from sqlalchemy import Column, Integer, String, Table

from spacetime_service.adapters.sqlalchemy.schema.column_types import Money, UtcDateTime


class ColumnKind(Enum):
    INTEGER = "integer"  # a JSON number, digits in CSV
    MONEY = "money"  # integer cents stored, "12.34" on the wire
    TIME = "time"  # UTC stored, "2025-03-01T12:34:56Z" on the wire
    TEXT = "text"  # free text: JSON-escaped, CSV-quoted and formula-neutralised


def kind_of(column: Column[object]) -> ColumnKind:
    column_type = column.type
    if isinstance(column_type, Money):
        return ColumnKind.MONEY
    if isinstance(column_type, UtcDateTime):
        return ColumnKind.TIME
    if isinstance(column_type, Integer):
        return ColumnKind.INTEGER
    if isinstance(column_type, String):
        return ColumnKind.TEXT
    raise TypeError(f"column {column.name} has no wire kind")


def wire_columns(table: Table, names: tuple[str, ...]) -> tuple[tuple[str, ColumnKind], ...]:
    """The named columns with their kinds, in the given order (names come from an allow-list)."""
    return tuple((name, kind_of(table.c[name])) for name in names)
