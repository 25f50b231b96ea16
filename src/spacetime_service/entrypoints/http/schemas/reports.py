"""Request bodies of the job-creating POSTs of reports and bulk updates. Their rules live in the
application (ReportRequest, parse_bulk_update); these models document the shape in OpenAPI."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["daily_stats", "product_sales"]
    start_date: date = Field(description="first UTC day, included")
    end_date: date = Field(description="last UTC day, included; at most 3660 days in all")
    format: Literal["csv", "ndjson"] = "csv"
    gzip: bool = False
    period: Literal["day", "month"] = Field("day", description="product_sales only")


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
