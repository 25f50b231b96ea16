"""How predictions and feature rows go on the wire, and what a client sees when a record is bad.

A bad record found before the first chunk of output is an error of the whole request (the client
gets a 422 problem naming its line). Once output has begun it can no longer be withdrawn: an NDJSON
stream then ends with one error line, `{"error": {"status": 422, "detail": "line N: ...", "field":
..., "line": N}}`, after the answers to every record before the bad chunk; a CSV stream is broken off
(the error propagates), since CSV has no way to say "what came before is incomplete".
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence

import orjson

from spacetime_service.application.encoding.reference_encoder import csv_field
from spacetime_service.domain.errors import InvalidInput

Row = Mapping[str, object]


def ndjson_chunk(rows: Iterable[Row]) -> bytes:
    return b"".join(orjson.dumps(row) + b"\n" for row in rows)


def csv_row(values: Sequence[object]) -> bytes:
    """Numbers as Python writes them (a negative number is a number, not a formula); text, and a
    sparse map as its JSON text, through the formula-safe, RFC 4180 cell of the reference encoder."""
    return (",".join(_csv_cell(value) for value in values) + "\n").encode()


def _csv_cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return csv_field(str(value).lower())
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return csv_field(value)
    return csv_field(orjson.dumps(value).decode())


def ended_by_error_line(chunks: Iterator[bytes]) -> Iterator[bytes]:
    """The chunks; an InvalidInput before the first one propagates, a later one becomes the last line."""
    started = False
    try:
        for chunk in chunks:
            yield chunk
            started = True
    except InvalidInput as error:
        if not started:
            raise
        yield orjson.dumps({"error": _error_body(error)}) + b"\n"


def _error_body(error: InvalidInput) -> dict[str, object]:
    return {"status": 422, "detail": error.detail, "field": error.field, "line": error.line}
