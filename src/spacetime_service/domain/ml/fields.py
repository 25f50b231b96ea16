"""The input fields a training record or a prediction record may carry, and the type of each.

A record is flat: order fields, and the ordered product's fields prefixed `product_` (its category keeps
its own name). Product-only records (for product tasks) carry the product fields only.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.orders import OrderStatus


class FieldType(StrEnum):
    INTEGER = "integer"
    NUMBER = "number"
    CHOICE = "choice"
    TEXT = "text"
    MOMENT = "moment"


@dataclass(frozen=True, slots=True)
class InputField:
    """`choices` lists the accepted values of a CHOICE; `max_length` bounds a TEXT."""

    name: str
    type: FieldType
    choices: tuple[str, ...] = ()
    max_length: int = 0
    minimum: float | None = 0.0


MAX_NAME_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 10_000

INPUT_FIELDS: dict[str, InputField] = {
    field.name: field
    for field in (
        InputField("customer_id", FieldType.INTEGER),
        InputField("product_id", FieldType.INTEGER),
        InputField("quantity", FieldType.INTEGER, minimum=1),
        InputField("unit_price", FieldType.NUMBER),
        InputField("status", FieldType.CHOICE, choices=tuple(OrderStatus)),
        InputField("created_at", FieldType.MOMENT),
        InputField("category", FieldType.CHOICE, choices=CATEGORIES),
        InputField("product_price", FieldType.NUMBER),
        InputField("product_stock", FieldType.INTEGER),
        InputField("product_name", FieldType.TEXT, max_length=MAX_NAME_LENGTH),
        InputField("product_description", FieldType.TEXT, max_length=MAX_DESCRIPTION_LENGTH),
    )
}

# `id` identifies a record (the order's or the product's); it is never a feature.
ID_FIELD = "id"


class RecordSource(StrEnum):
    """Which table a task learns from; each provides a fixed set of fields."""

    ORDERS = "orders"
    PRODUCTS = "products"

    @property
    def fields(self) -> frozenset[str]:
        return _SOURCE_FIELDS[self]


_PRODUCT_FIELDS = frozenset(
    {
        "product_id",
        "category",
        "product_price",
        "product_stock",
        "product_name",
        "product_description",
        "created_at",
    }
)
_SOURCE_FIELDS = {
    RecordSource.ORDERS: frozenset(INPUT_FIELDS),
    RecordSource.PRODUCTS: _PRODUCT_FIELDS,
}
