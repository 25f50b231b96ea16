"""Checks a client's record (one JSON object) against the input-field allow-list and types.

Every error names the record's 1-based line and the field, so that a client can fix its file.
Unknown keys are refused; known fields that the model does not read are ignored.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import datetime

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.fields import ID_FIELD, INPUT_FIELDS, FieldType, InputField


def validate_record(record: object, needed: Sequence[str], line: int) -> dict[str, object]:
    """The record's `id` (or None) and its `needed` fields, typed; InvalidInput on the first fault."""
    if not isinstance(record, Mapping):
        raise InvalidInput("a record must be a JSON object", field="line", line=line)
    unknown = [key for key in record if key != ID_FIELD and key not in INPUT_FIELDS]
    if unknown:
        raise InvalidInput(f"unknown field {str(unknown[0])!r}", field=str(unknown[0]), line=line)
    typed: dict[str, object] = {ID_FIELD: _record_id(record.get(ID_FIELD), line)}
    for name in needed:
        if name not in record or record[name] is None:
            raise InvalidInput(f"{name} is required", field=name, line=line)
        typed[name] = _typed(INPUT_FIELDS[name], record[name], line)
    return typed


def _record_id(value: object, line: int) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput("id must be an integer", field=ID_FIELD, line=line)
    return value


def _typed(field: InputField, value: object, line: int) -> object:
    if field.type is FieldType.INTEGER or field.type is FieldType.NUMBER:
        return _number(field, value, line)
    if field.type is FieldType.CHOICE:
        if value not in field.choices:
            raise InvalidInput(
                f"{field.name} must be one of {', '.join(field.choices)}", field=field.name, line=line
            )
        return str(value)
    if field.type is FieldType.TEXT:
        if not isinstance(value, str) or len(value) > field.max_length:
            raise InvalidInput(
                f"{field.name} must be text of at most {field.max_length} characters",
                field=field.name,
                line=line,
            )
        return value
    return _moment(value, field.name, line)


def _number(field: InputField, value: object, line: int) -> int | float:
    integral = field.type is FieldType.INTEGER
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or (integral and isinstance(value, float))
    ):
        kind = "an integer" if integral else "a number"
        raise InvalidInput(f"{field.name} must be {kind}", field=field.name, line=line)
    if not math.isfinite(value) or (field.minimum is not None and value < field.minimum):
        raise InvalidInput(
            f"{field.name} must be a finite number of at least {field.minimum:g}", field=field.name, line=line
        )
    return value if integral else float(value)


def _moment(value: object, name: str, line: int) -> datetime:
    moment = value
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise InvalidInput(f"{name} must be an ISO 8601 date-time", field=name, line=line) from None
    if not isinstance(moment, datetime) or moment.tzinfo is None:
        raise InvalidInput(f"{name} must be an ISO 8601 date-time with a timezone", field=name, line=line)
    return moment
