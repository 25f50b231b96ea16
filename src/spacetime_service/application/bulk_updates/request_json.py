"""The JSON form of a bulk update: what clients send, and what the job's request stores.

    {"filter": {"category": "toys", "min_price": "1.00", "max_price": "9.99", "min_id": 1,
                "max_id": 500, "ids": [3, 5], "min_stock": 0, "max_stock": 10},
     "operation": {"type": "multiply_price", "factor": "1.10", "rounding": "half_even"}}

Operation types: `set_price` (`price`), `multiply_price` (`factor`, `rounding`: half_even (default),
half_up or down), `add_stock` (`delta`), `set_category` (`category`). Money and factors are decimal
text (numbers are accepted too), so that no float ever rounds them.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from spacetime_service.domain.bulk_updates import (
    AddStock,
    BulkOperation,
    BulkUpdate,
    BulkUpdateFilter,
    MultiplyPrice,
    Rounding,
    SetCategory,
    SetPrice,
)
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.money import parse_money

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacetime_service.domain.jobs.json_value import JsonObject, JsonValue

OPERATION_TYPES = ("set_price", "multiply_price", "add_stock", "set_category")
_FILTER_FIELDS = ("category", "min_price", "max_price", "min_id", "max_id", "ids", "min_stock", "max_stock")


def bulk_update_json(update: BulkUpdate) -> JsonObject:
    t = update.target
    target: JsonObject = {
        "category": t.category,
        "min_price": None if t.min_price is None else str(t.min_price),
        "max_price": None if t.max_price is None else str(t.max_price),
        "min_id": t.min_id,
        "max_id": t.max_id,
        "ids": list(t.ids),
        "min_stock": t.min_stock,
        "max_stock": t.max_stock,
    }
    return {
        "filter": {k: v for k, v in target.items() if v not in (None, [])},
        "operation": _operation(update),
    }


def _operation(update: BulkUpdate) -> JsonObject:
    match update.operation:
        case SetPrice(price=price):
            return {"type": "set_price", "price": str(price)}
        case MultiplyPrice(factor=factor, rounding=rounding):
            return {"type": "multiply_price", "factor": str(factor), "rounding": rounding.value}
        case AddStock(delta=delta):
            return {"type": "add_stock", "delta": delta}
        case SetCategory(category=category):
            return {"type": "set_category", "category": category}


def parse_bulk_update(document: Mapping[str, JsonValue]) -> BulkUpdate:
    """The bulk update a JSON document describes, or InvalidInput naming the faulty field."""
    target, operation = document.get("filter"), document.get("operation")
    if not isinstance(target, dict):
        raise InvalidInput("filter must be an object", field="filter")
    if not isinstance(operation, dict):
        raise InvalidInput("operation must be an object", field="operation")
    unknown = sorted(set(target) - set(_FILTER_FIELDS))
    if unknown:
        raise InvalidInput(f"unknown filter field(s) {', '.join(unknown)}", field="filter")
    ids = target.get("ids", [])
    if not isinstance(ids, list):
        raise InvalidInput("ids must be a list of product ids", field="ids")
    return BulkUpdate(
        BulkUpdateFilter(
            category=_optional_text(target, "category"),
            min_price=_optional_money(target, "min_price"),
            max_price=_optional_money(target, "max_price"),
            min_id=_optional_int(target, "min_id"),
            max_id=_optional_int(target, "max_id"),
            ids=tuple(_int(value, "ids") for value in ids),
            min_stock=_optional_int(target, "min_stock"),
            max_stock=_optional_int(target, "max_stock"),
        ),
        _parse_operation(operation),
    )


def _parse_operation(operation: Mapping[str, JsonValue]) -> BulkOperation:
    kind = operation.get("type")
    if kind == "set_price":
        return SetPrice(_money(operation.get("price"), "price"))
    if kind == "multiply_price":
        rounding = operation.get("rounding", Rounding.HALF_EVEN.value)
        if rounding not in {mode.value for mode in Rounding}:
            raise InvalidInput(f"rounding is one of {', '.join(Rounding)}", field="rounding")
        return MultiplyPrice(_decimal(operation.get("factor"), "factor"), Rounding(str(rounding)))
    if kind == "add_stock":
        return AddStock(_int(operation.get("delta"), "delta"))
    if kind == "set_category":
        return SetCategory(_text(operation.get("category"), "category"))
    raise InvalidInput(f"operation type is one of {', '.join(OPERATION_TYPES)}", field="operation")


def _int(value: JsonValue, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidInput(f"{field} must be an integer", field=field)
    return value


def _text(value: JsonValue, field: str) -> str:
    if not isinstance(value, str):
        raise InvalidInput(f"{field} must be text", field=field)
    return value


def _decimal(value: JsonValue, field: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise InvalidInput(f"{field} must be a decimal number", field=field)
    try:
        number = Decimal(str(value))
    except InvalidOperation as error:
        raise InvalidInput(f"{field} must be a decimal number", field=field) from error
    if not number.is_finite():
        raise InvalidInput(f"{field} must be a finite number", field=field)
    return number


def _money(value: JsonValue, field: str) -> Decimal:
    return parse_money(_decimal(value, field), field=field)


def _optional_int(document: Mapping[str, JsonValue], field: str) -> int | None:
    value = document.get(field)
    return None if value is None else _int(value, field)


def _optional_text(document: Mapping[str, JsonValue], field: str) -> str | None:
    value = document.get(field)
    return None if value is None else _text(value, field)


def _optional_money(document: Mapping[str, JsonValue], field: str) -> Decimal | None:
    value = document.get(field)
    return None if value is None else _money(value, field)
