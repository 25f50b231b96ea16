"""Typed reads of fields from a JSON object, raising InvalidInput that names the field."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from spacetime_service.domain.jobs.json_value import JsonObject

_MISSING = object()


def _get(body: JsonObject, name: str, default: object) -> object:
    value = body.get(name, default)
    if value is _MISSING:
        raise InvalidInput(f"{name} is required", field=name)
    return value


def require_str(body: JsonObject, name: str, default: object = _MISSING) -> str:
    value = _get(body, name, default)
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a string", field=name)
    return value


def require_int(body: JsonObject, name: str, default: object = _MISSING) -> int:
    value = _get(body, name, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{name} must be an integer", field=name)
    return value


def require_float(body: JsonObject, name: str, default: object = _MISSING) -> float:
    value = _get(body, name, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidInput(f"{name} must be a number", field=name)
    return float(value)


def require_str_list(body: JsonObject, name: str, default: object = _MISSING) -> list[str]:
    value = _get(body, name, default)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidInput(f"{name} must be a list of strings", field=name)
    return [str(item) for item in value]


def optional_moment(body: JsonObject, name: str) -> datetime | None:
    """An ISO 8601 moment with a timezone, or None when absent or null."""
    value = body.get(name)
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be an ISO 8601 date-time", field=name)
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(f"{name} must be an ISO 8601 date-time", field=name) from None
    if moment.tzinfo is None:
        raise InvalidInput(f"{name} must carry a timezone", field=name)
    return moment
