"""PostgreSQL expressions that build one encoded line per row, byte for byte as the reference encoder.

PostgreSQL's own CSV output writes an empty text as `""` where the reference encoder writes nothing, so
the lines are built here rather than by COPY's CSV format.
Only fixed text and allow-listed, quoted column names reach the SQL; nothing a client sends does.
The CSV and formula rules are those of `sqlite_lines`.
"""

from __future__ import annotations

from sqlalchemy.sql.compiler import IdentifierPreparer

from spacetime_service.adapters.sqlalchemy.column_kinds import ColumnKind

Columns = tuple[tuple[str, ColumnKind], ...]

_FORMULA_STARTS = "('=', '+', '-', '@', chr(9), chr(13))"
_WIRE_TIME = '\'YYYY-MM-DD"T"HH24:MI:SS"Z"\''


def csv_text_cell(column: str, *, alone: bool) -> str:
    formula = f"left({column}, 1) IN {_FORMULA_STARTS}"
    needs_quotes = f"strpos({column}, ',') > 0 OR strpos({column}, '\"') > 0 OR strpos({column}, chr(10)) > 0"
    needs_quotes += f" OR strpos({column}, chr(13)) > 0"
    cell = (
        f"CASE WHEN {needs_quotes} THEN "
        f"'\"' || CASE WHEN {formula} THEN '''' ELSE '' END || replace({column}, '\"', '\"\"') || '\"' "
        f"WHEN {formula} THEN '''' || {column} ELSE {column} END"
    )
    return f"CASE WHEN {column} = '' THEN '\"\"' ELSE {cell} END" if alone else cell


def _value(column: str, kind: ColumnKind, *, csv: bool, alone: bool) -> str:
    if kind is ColumnKind.INTEGER:
        return f"{column}::text"
    if kind is ColumnKind.MONEY:
        # bigint cents times a scale-2 numeric is a scale-2 numeric: 1234 -> 12.34, 5 -> 0.05
        money = f"({column} * 0.01)::text"
        return money if csv else f"'\"' || {money} || '\"'"
    if kind is ColumnKind.TIME:
        moment = f"to_char({column} AT TIME ZONE 'UTC', {_WIRE_TIME})"
        return moment if csv else f"'\"' || {moment} || '\"'"
    if csv:
        return csv_text_cell(column, alone=alone)
    return f"to_json({column})::text"


def csv_line(columns: Columns, preparer: IdentifierPreparer) -> str:
    """One CSV line, without its line end."""
    values = [_value(preparer.quote(name), kind, csv=True, alone=len(columns) == 1) for name, kind in columns]
    return " || ',' || ".join(f"({value})" for value in values)


def json_line(columns: Columns, preparer: IdentifierPreparer) -> str:
    """One compact JSON object, keys in column order, without its line end."""
    parts = [
        ("'{" if position == 0 else "',")
        + f'"{name}":\' || ({_value(preparer.quote(name), kind, csv=False, alone=False)})'
        for position, (name, kind) in enumerate(columns)
    ]
    return " || ".join(parts) + " || '}'"
