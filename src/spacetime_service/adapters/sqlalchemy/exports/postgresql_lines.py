"""PostgreSQL expressions that build one encoded line per row, byte for byte as the reference encoder.

PostgreSQL's own CSV output writes an empty text as `""` where the reference encoder writes nothing, so
the lines are built here rather than by COPY's CSV format.
Only fixed text and allow-listed, quoted column names reach the SQL; nothing a client sends does.
The CSV and formula rules are those of `sqlite_lines`.

The cost is per row and per function call, so each piece is the cheapest form measured on a million
orders (bench/export_encoded.py): explicit `::text` casts, a time cut out of the timestamp's own text
rather than `to_char`, and the separators, keys and quotes of a line merged into as few literals as
possible.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.adapters.sqlalchemy.schema.column_kinds import ColumnKind

if TYPE_CHECKING:
    from sqlalchemy.sql.compiler import IdentifierPreparer

Columns = tuple[tuple[str, ColumnKind], ...]


class Literal(str):
    """Fixed text of a line, as opposed to an SQL expression."""


Piece = Literal | str

# Code points of = + - @ TAB CR; all sort below 'A', so most text skips the list with one C comparison.
_FORMULA_CODES = "(61, 43, 45, 64, 9, 13)"


def _starts_formula(column: str) -> str:
    return f"({column} COLLATE \"C\" < 'A' AND ascii({column}) IN {_FORMULA_CODES})"


def csv_text_cell(column: str, *, alone: bool) -> str:
    formula = _starts_formula(column)
    needs_quotes = (
        f"strpos({column}, ',') > 0 OR strpos({column}, '\"') > 0"
        f" OR strpos({column}, chr(10)) > 0 OR strpos({column}, chr(13)) > 0"
    )
    cell = (
        f"CASE WHEN {needs_quotes} THEN "
        f"'\"' || CASE WHEN {formula} THEN '''' ELSE '' END || replace({column}, '\"', '\"\"') || '\"' "
        f"WHEN {formula} THEN '''' || {column} ELSE {column} END"
    )
    return f"CASE WHEN {column} = '' THEN '\"\"' ELSE {cell} END" if alone else cell


def _wire_time(column: str) -> str:
    """`YYYY-MM-DD HH:MM:SS[.ffffff]` in UTC, cut to whole seconds (as the reference truncates), with
    the T; the Z is left to the caller's literal."""
    return f"replace(left(({column} AT TIME ZONE 'UTC')::text, 19), ' ', 'T')"


def _pieces(column: str, kind: ColumnKind, *, csv: bool, alone: bool, plain: bool) -> list[Piece]:
    """A `plain` column holds plain words only (plain_words): its text is its cell."""
    quote = Literal("" if csv else '"')
    if kind is ColumnKind.INTEGER:
        return [f"{column}::text"]
    if kind is ColumnKind.MONEY:
        # bigint cents times a scale-2 numeric is a scale-2 numeric: 1234 -> 12.34, 5 -> 0.05
        return [quote, f"({column} * 0.01)::text", quote]
    if kind is ColumnKind.TIME:
        return [quote, _wire_time(column), Literal("Z" + quote)]
    if plain:
        return [quote, column, quote]
    if csv:
        return [f"({csv_text_cell(column, alone=alone)})"]
    return [f"to_json({column})::text"]


def _concatenated(pieces: list[Piece]) -> str:
    """Joins the pieces with `||`, adjacent literals merged into one and empty ones dropped."""
    parts: list[str] = []
    literal = ""
    for piece in pieces:
        if isinstance(piece, Literal):
            literal += piece
            continue
        if literal:
            parts.append(_sql_string(literal))
            literal = ""
        parts.append(piece)
    if literal:
        parts.append(_sql_string(literal))
    return " || ".join(parts) if parts else "''"


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def csv_line(columns: Columns, preparer: IdentifierPreparer, plain: frozenset[str] = frozenset()) -> str:
    """One CSV line, without its line end; `plain` names the plain-word columns."""
    pieces: list[Piece] = []
    for position, (name, kind) in enumerate(columns):
        if position:
            pieces.append(Literal(","))
        alone = len(columns) == 1
        pieces.extend(_pieces(preparer.quote(name), kind, csv=True, alone=alone, plain=name in plain))
    return _concatenated(pieces)


def json_line(columns: Columns, preparer: IdentifierPreparer, plain: frozenset[str] = frozenset()) -> str:
    """One compact JSON object, keys in column order, without its line end. The keys are allow-listed
    column names, which need no JSON escaping; `plain` names the plain-word columns."""
    pieces: list[Piece] = []
    for position, (name, kind) in enumerate(columns):
        pieces.append(Literal(("{" if position == 0 else ",") + f'"{name}":'))
        pieces.extend(_pieces(preparer.quote(name), kind, csv=False, alone=False, plain=name in plain))
    pieces.append(Literal("}"))
    return _concatenated(pieces)
