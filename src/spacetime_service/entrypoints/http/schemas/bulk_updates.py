"""The request body of a bulk update and the answer of its dry run. The rules live in the application
(parse_bulk_update); these models document the shape in OpenAPI."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from spacetime_service.application.bulk_updates.request_json import OPERATION_TYPES
from spacetime_service.domain.bulk_updates import MAX_FACTOR, MAX_IDS, MAX_STOCK_DELTA, Rounding
from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.money import MAX_MONEY
from spacetime_service.domain.products import MAX_STOCK
from spacetime_service.domain.ranges import MAX_ID

# install_openapi writes MAX_ID back as the integer it is (FastAPI's OpenAPI model holds bounds as floats).
_ID = {"type": "integer", "minimum": 1, "maximum": MAX_ID, "description": f"1 to {MAX_ID}"}
_STOCK: dict[str, Any] = {"type": "integer", "minimum": 0, "maximum": MAX_STOCK}
_MONEY = {
    "type": ["string", "number"],
    "minimum": 0,
    "maximum": float(MAX_MONEY),
    "description": f"decimal text, two places at most, 0 to {MAX_MONEY}",
}
# The shape OpenAPI shows; parse_bulk_update checks it, so that each fault is a 422 naming its field.
_FILTER_SCHEMA: dict[str, Any] = {
    "properties": {
        "category": {"type": "string", "enum": list(CATEGORIES)},
        "min_price": _MONEY,
        "max_price": _MONEY,
        "min_id": _ID,
        "max_id": _ID,
        "ids": {"type": "array", "items": _ID, "maxItems": MAX_IDS},
        "min_stock": _STOCK,
        "max_stock": _STOCK,
    },
    "additionalProperties": False,
}
_OPERATION_SCHEMA: dict[str, Any] = {
    "properties": {
        "type": {"type": "string", "enum": list(OPERATION_TYPES)},
        "price": _MONEY,
        "factor": {
            "type": ["string", "number"],
            "description": f"decimal text above 0, at most {MAX_FACTOR}",
        },
        "rounding": {"type": "string", "enum": [mode.value for mode in Rounding]},
        "delta": {"type": "integer", "minimum": -MAX_STOCK_DELTA, "maximum": MAX_STOCK_DELTA},
        "category": {"type": "string", "enum": list(CATEGORIES)},
    },
    "required": ["type"],
}


class BulkUpdateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filter: dict[str, Any] = Field(
        examples=[{"category": "toys", "max_price": "9.99"}],
        description="any of: category, min_price, max_price, min_id, max_id, ids, min_stock, max_stock",
        json_schema_extra=_FILTER_SCHEMA,
    )
    operation: dict[str, Any] = Field(
        examples=[{"type": "multiply_price", "factor": "1.10", "rounding": "half_even"}],
        description="set_price (price), multiply_price (factor, rounding), add_stock (delta), set_category",
        json_schema_extra=_OPERATION_SCHEMA,
    )


class DryRunOut(BaseModel):
    would_change: int = Field(description="products whose values the update would change")
