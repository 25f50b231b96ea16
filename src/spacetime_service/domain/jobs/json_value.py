"""JSON values as the job record keeps them: requests and checkpoints are JSON objects, never pickles.

Only the types that survive a JSON round trip unchanged are accepted (no tuples, no NaN, string keys),
so that what a store gives back equals what it was given.
"""

from __future__ import annotations

import json
import math
from typing import TypeAlias

from spacetime_service.domain.errors import InvalidInput

JsonValue: TypeAlias = "bool | int | float | str | list[JsonValue] | dict[str, JsonValue] | None"
JsonObject: TypeAlias = "dict[str, JsonValue]"

MAX_DEPTH = 32


def require_json_object(value: object, *, field: str) -> JsonObject:
    """A deep copy of `value` if it is a JSON object of plain JSON types, else InvalidInput."""
    if not isinstance(value, dict):
        raise InvalidInput(f"{field} must be a JSON object", field=field)
    copied = _checked(value, field, 0)
    assert isinstance(copied, dict)
    return copied


def canonical_json(value: JsonValue) -> bytes:
    """One byte string per value: keys sorted, no spaces, UTF-8, so equal values hash equally."""
    text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return text.encode("utf-8")


def _checked(value: object, field: str, depth: int) -> JsonValue:
    if depth > MAX_DEPTH:
        raise InvalidInput(f"{field} is nested deeper than {MAX_DEPTH} levels", field=field)
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise InvalidInput(f"{field} contains a number that JSON cannot carry", field=field)
        return value
    if isinstance(value, list):
        return [_checked(item, field, depth + 1) for item in value]
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise InvalidInput(f"{field} has an object key that is not a string", field=field)
        return {key: _checked(item, field, depth + 1) for key, item in value.items()}
    raise InvalidInput(f"{field} contains a {type(value).__name__}, which is not a JSON value", field=field)
