"""A product as an import states it, and the rules every imported row must pass.

An import row is the whole product: `sku` (the key), `name`, `description` (empty when absent),
`category` (allow-listed), `price` and `stock`. Fields outside this allow-list are refused, and every
error names the row's 1-based line and the field, so that a client can fix its file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from spacetime_service.domain.catalog import require_category
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.money import parse_money
from spacetime_service.domain.product_fields import (
    MAX_PRICE,
    require_description,
    require_name,
    require_sku,
)
from spacetime_service.domain.products import MAX_STOCK

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

IMPORT_FIELDS: tuple[str, ...] = ("sku", "name", "description", "category", "price", "stock")
REQUIRED_FIELDS: frozenset[str] = frozenset(IMPORT_FIELDS) - {"description"}
# Plain decimal text: digits with an optional fraction; no exponent, sign, spaces or separators.
_DECIMAL_TEXT = re.compile(r"[0-9]{1,12}(\.[0-9]{1,12})?")


class InvalidRow(InvalidInput):
    """A row of an upload breaks a rule: `line` is its 1-based line in the upload, `field` the culprit."""

    line: int

    def __init__(self, line: int, field: str, problem: str) -> None:
        super().__init__(problem, field=field, line=line)


@dataclass(frozen=True, slots=True)
class ImportRecord:
    """One valid row: the product with this sku gets exactly these values."""

    sku: str
    name: str
    description: str
    category: str
    price: Decimal
    stock: int


def require_import_fields(names: list[str], line: int) -> None:
    """The fields (or CSV columns) a row names: each known, none twice, every required one present."""
    seen: set[str] = set()
    for name in names:
        if name not in IMPORT_FIELDS:
            raise InvalidRow(line, name, f"unknown field {name!r}; known: {', '.join(IMPORT_FIELDS)}")
        if name in seen:
            raise InvalidRow(line, name, f"{name} is given twice")
        seen.add(name)
    missing = [name for name in IMPORT_FIELDS if name in REQUIRED_FIELDS and name not in seen]
    if missing:
        raise InvalidRow(line, missing[0], f"{missing[0]} is required")


def import_record(values: Mapping[str, object], line: int) -> ImportRecord:
    """The record `values` describes, or InvalidRow naming the line and the first faulty field.
    Prices are decimal text, whole numbers or Decimals (never binary floats); stock is an integer."""
    fields = tuple(values)
    if fields not in _CHECKED_FIELDS:
        require_import_fields(list(fields), line)
        _CHECKED_FIELDS.add(fields)
    record = _plain_record(values)
    return record if record is not None else _checked_record(values, line)


# Field orders that passed require_import_fields: at most 6! + 5! of them, since each is a valid one.
# The rows of one upload share one or a few, so each order is checked once instead of once per row.
_CHECKED_FIELDS: set[tuple[str, ...]] = set()


def _plain_record(values: Mapping[str, object]) -> ImportRecord | None:
    """The record of a row whose values all have their usual types (text, and an integer stock) and
    pass the same rules, else None: `_checked_record` then finds and names the fault. Without the
    per-field wrappers a 200k-row upload is checked in about half the time."""
    sku, name, category, price, stock = (values[field] for field in _PLAIN_FIELDS)
    description = values.get("description", "")
    if not (
        type(sku) is str
        and type(name) is str
        and type(description) is str
        and type(category) is str
        and type(price) is str
        and type(stock) is int
        and 0 <= stock <= MAX_STOCK
        and _DECIMAL_TEXT.fullmatch(price)
    ):
        return None
    try:
        amount = parse_money(price)
        if not Decimal(0) <= amount <= MAX_PRICE:
            return None
        return ImportRecord(
            require_sku(sku),
            require_name(name),
            require_description(description),
            require_category(category),
            amount,
            stock,
        )
    except InvalidInput:
        return None


_PLAIN_FIELDS = ("sku", "name", "category", "price", "stock")


def _checked_record(values: Mapping[str, object], line: int) -> ImportRecord:
    return ImportRecord(
        sku=_sku(values["sku"], line),
        name=_name(values["name"], line),
        description=_description(values.get("description", ""), line),
        category=_category(values["category"], line),
        price=_price(values["price"], line),
        stock=_stock(values["stock"], line),
    )


def _text(value: object, field: str, line: int) -> str:
    if not isinstance(value, str):
        raise InvalidRow(line, field, f"{field} must be text")
    return value


def _sku(value: object, line: int) -> str:
    return _checked(require_sku, _text(value, "sku", line), line)


def _name(value: object, line: int) -> str:
    return _checked(require_name, _text(value, "name", line), line)


def _description(value: object, line: int) -> str:
    return _checked(require_description, _text(value, "description", line), line)


def _checked(rule: Callable[[str], str], value: str, line: int) -> str:
    """The field rule's verdict, as an error of this line."""
    try:
        return rule(value)
    except InvalidInput as error:
        raise InvalidRow(line, error.field or "", error.detail) from None


def _category(value: object, line: int) -> str:
    category = _text(value, "category", line)
    try:
        return require_category(category)
    except InvalidInput as error:
        raise InvalidRow(line, "category", error.detail) from None


def _price(value: object, line: int) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | Decimal):
        raise InvalidRow(line, "price", "price must be decimal text such as 12.50 or a number")
    if isinstance(value, str) and not _DECIMAL_TEXT.fullmatch(value):
        raise InvalidRow(line, "price", "price must be decimal text such as 12.50 (digits, one point)")
    try:
        price = parse_money(value)
    except InvalidInput as error:
        raise InvalidRow(line, "price", error.detail) from None
    if not Decimal(0) <= price <= MAX_PRICE:
        raise InvalidRow(line, "price", f"price must be between 0 and {MAX_PRICE}")
    return price


def _stock(value: object, line: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidRow(line, "stock", "stock must be a whole number")
    if not 0 <= value <= MAX_STOCK:
        raise InvalidRow(line, "stock", f"stock must be between 0 and {MAX_STOCK}")
    return value
