"""NDJSON uploads: one JSON object per line. Numbers keep their exact decimal value (never a binary
float), and NaN, Infinity and a key given twice are refused."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING

from spacetime_service.domain.imports import InvalidRow

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator


class _RefusedError(ValueError):
    pass


def ndjson_rows(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, dict[str, object]]]:
    """Each line's object with its line number. An empty line, a line that is not JSON, or a value
    that is not an object is an InvalidRow."""
    for number, text in lines:
        if not text.strip():
            raise InvalidRow(number, "line", "an empty line; NDJSON has one JSON object per line")
        try:
            value = json.loads(text, parse_float=Decimal, parse_constant=_refuse, object_pairs_hook=_object)
        except _RefusedError as error:
            raise InvalidRow(number, "line", str(error)) from None
        except (ValueError, RecursionError):
            raise InvalidRow(number, "line", "not valid JSON") from None
        if not isinstance(value, dict):
            raise InvalidRow(number, "line", "each line must be a JSON object")
        yield number, value


def _refuse(constant: str) -> object:
    raise _RefusedError(f"{constant} is not a number a product can hold")


def _object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in pairs:
        if key in found:
            raise _RefusedError(f"the field {key!r} is given twice")
        found[key] = value
    return found
