"""The rules of a product's fields, the same wherever a product is made: an imported row, a product
created or changed over HTTP. Each rule raises InvalidInput naming its field."""

from __future__ import annotations

import re
from decimal import Decimal

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.money import MAX_MONEY

MAX_SKU_LENGTH = 32
MAX_NAME_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 10_000
MAX_PRICE = MAX_MONEY
# Control characters: never in a sku or name; a description may hold tabs and line breaks.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_DESCRIPTION_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_CENT = Decimal("0.01")


def require_sku(sku: str) -> str:
    if not 1 <= len(sku) <= MAX_SKU_LENGTH or sku != sku.strip() or _CONTROL.search(sku):
        raise InvalidInput(
            f"sku must be 1 to {MAX_SKU_LENGTH} characters without surrounding spaces or control characters",
            field="sku",
        )
    return sku


def require_name(name: str) -> str:
    if not name.strip() or len(name) > MAX_NAME_LENGTH or _CONTROL.search(name):
        raise InvalidInput(
            f"name must be 1 to {MAX_NAME_LENGTH} characters, not blank, no control characters", field="name"
        )
    return name


def require_description(description: str) -> str:
    if len(description) > MAX_DESCRIPTION_LENGTH or _DESCRIPTION_CONTROL.search(description):
        raise InvalidInput(
            f"description must be at most {MAX_DESCRIPTION_LENGTH} characters, "
            "with no control characters but tabs and line breaks",
            field="description",
        )
    return description


def require_price(price: Decimal) -> Decimal:
    """A price of the catalog: exact cents between 0 and MAX_PRICE."""
    if not price.is_finite() or price != price.quantize(_CENT) or not 0 <= price <= MAX_PRICE:
        raise InvalidInput(f"price must be between 0 and {MAX_PRICE}, in whole cents", field="price")
    return price.quantize(_CENT)
