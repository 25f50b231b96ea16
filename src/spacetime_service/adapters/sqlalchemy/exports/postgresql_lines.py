"""PostgreSQL expressions that build one encoded line per row, byte for byte as the reference encoder.

PostgreSQL's own CSV output writes an empty text as `""` where the reference encoder writes nothing, so
the lines are built here rather than by COPY's CSV format.
Only fixed text and allow-listed, quoted column names reach the SQL; nothing a client sends does.
The CSV and formula rules are those of `sqlite_lines`.

The cost is per row and per function call, and every `||` copies the line built so far, so a line is
one call: `concat_ws(',', ...)` for CSV and `concat(...)` for JSON, each of which writes its arguments'
output into one buffer (integers, numerics and plain words go in as they are, with no cast to text).
Measured on a million orders, one backend (`COPY (...) TO /dev/null`, backend CPU): the block export
with a chain of `||` 1.38 to 1.58 s for CSV and 1.60 to 1.68 s for NDJSON, with these 0.93 to 1.01 s
and 1.26 to 1.33 s; `format()` and `ROW(...)::text` 1.1 to 1.3 s. CSV takes `concat_ws` because each
literal argument of `concat` is output and copied once more (1.08 to 1.28 s with the commas as
arguments). A time is truncated to the second by `date_trunc`, its text given the T by `replace`,
0.1 s a million over the bare timestamp and 0.1 s under the earlier cut of its text (`left` counts
characters, `AT TIME ZONE 'UTC'` looks the zone up by name on every row; `INTERVAL '0'` is arithmetic).
`to_char` costs more than either.
The fixed text before a line's first value and after its last (`{"id":` and `Z"}` of an order) is no
argument of the call: it goes once into the separator that joins the lines of a block (`Line.head`,
`Line.tail`), 0.1 s a million less for NDJSON (1.40 to 1.47 s against 1.51 to 1.68 s, alternating,
under load).

`concat_ws` skips a NULL and `concat` writes it as nothing, so a nullable column would shift its line's
cells: every wire column is NOT NULL (catalog_tables), which `encoded_rows` checks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from spacetime_service.adapters.sqlalchemy.schema.column_kinds import ColumnKind

if TYPE_CHECKING:
    from sqlalchemy.sql.compiler import IdentifierPreparer

Columns = tuple[tuple[str, ColumnKind], ...]


class Literal(str):
    """Fixed text of a line, as opposed to an SQL expression."""


Piece = Literal | str


class Line(NamedTuple):
    """A line of a row: `head`, then what `expression` gives, then `tail`. The head and the tail are the
    same for every row, so the caller writes them where the lines are joined."""

    head: str
    expression: str
    tail: str


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
    """`YYYY-MM-DDTHH:MM:SS` in UTC, cut to whole seconds (as the reference truncates); the Z is left to
    the caller. A timestamp truncated to the second prints no fraction."""
    return f"replace(date_trunc('second', {column} AT TIME ZONE INTERVAL '0')::text, ' ', 'T')"


def _money(column: str) -> str:
    # bigint cents times a scale-2 numeric is a scale-2 numeric: 1234 -> 12.34, 5 -> 0.05
    return f"({column} * 0.01)"


def _csv_cell(column: str, kind: ColumnKind, *, alone: bool, plain: bool) -> tuple[str, Literal]:
    """One CSV cell: an expression that `concat_ws` outputs as it is, and fixed text after it. A `plain`
    column holds plain words only (plain_words): its text is its cell."""
    if kind is ColumnKind.INTEGER:
        return column, Literal("")
    if kind is ColumnKind.MONEY:
        return _money(column), Literal("")
    if kind is ColumnKind.TIME:
        return _wire_time(column), Literal("Z")
    if plain:
        return column, Literal("")
    return f"({csv_text_cell(column, alone=alone)})", Literal("")


def _json_pieces(column: str, kind: ColumnKind, *, plain: bool) -> list[Piece]:
    if kind is ColumnKind.INTEGER:
        return [column]
    if kind is ColumnKind.MONEY:
        return [Literal('"'), _money(column), Literal('"')]
    if kind is ColumnKind.TIME:
        return [Literal('"'), _wire_time(column), Literal('Z"')]
    if plain:
        return [Literal('"'), column, Literal('"')]
    return [f"to_json({column})::text"]


def _concatenated(pieces: list[Piece]) -> Line:
    """One `concat` of the pieces, adjacent literals merged into one argument, the literals before the
    first expression and after the last one left out as the head and the tail."""
    head = ""
    arguments: list[str] = []
    literal = ""
    for piece in pieces:
        if isinstance(piece, Literal):
            literal += piece
            continue
        if arguments:
            if literal:
                arguments.append(_sql_string(literal))
        else:
            head = literal
        literal = ""
        arguments.append(piece)
    if not arguments:
        return Line(head + literal, "''", "")
    return Line(head, f"concat({', '.join(arguments)})", literal)


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def csv_line(columns: Columns, preparer: IdentifierPreparer, plain: frozenset[str] = frozenset()) -> Line:
    """One CSV line, without its line end; `plain` names the plain-word columns."""
    alone = len(columns) == 1
    cells = [
        _csv_cell(preparer.quote(name), kind, alone=alone, plain=name in plain) for name, kind in columns
    ]
    # the last cell's fixed text is the line's tail; any other cell's is joined to its expression
    expressions = [f"{cell} || {_sql_string(after)}" if after else cell for cell, after in cells[:-1]]
    last, tail = cells[-1]
    return Line("", f"concat_ws(',', {', '.join([*expressions, last])})", tail)


def json_line(columns: Columns, preparer: IdentifierPreparer, plain: frozenset[str] = frozenset()) -> Line:
    """One compact JSON object, keys in column order, without its line end. The keys are allow-listed
    column names, which need no JSON escaping; `plain` names the plain-word columns."""
    pieces: list[Piece] = []
    for position, (name, kind) in enumerate(columns):
        pieces.append(Literal(("{" if position == 0 else ",") + f'"{name}":'))
        pieces.extend(_json_pieces(preparer.quote(name), kind, plain=name in plain))
    pieces.append(Literal("}"))
    return _concatenated(pieces)
