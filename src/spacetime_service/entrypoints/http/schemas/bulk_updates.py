"""The request body of a bulk update and the answer of its dry run. The rules live in the application
(parse_bulk_update); these models document the shape in OpenAPI."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class BulkUpdateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filter: dict[str, Any] = Field(
        examples=[{"category": "toys", "max_price": "9.99"}],
        description="any of: category, min_price, max_price, min_id, max_id, ids, min_stock, max_stock",
    )
    operation: dict[str, Any] = Field(
        examples=[{"type": "multiply_price", "factor": "1.10", "rounding": "half_even"}],
        description="set_price (price), multiply_price (factor, rounding), add_stock (delta), set_category",
    )


class DryRunOut(BaseModel):
    would_change: int = Field(description="products whose values the update would change")
