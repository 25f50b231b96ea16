"""The request body of a report. Its rules live in the application (ReportRequest); this model
documents the shape in OpenAPI."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class ReportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: Literal["daily_stats", "product_sales"]
    start_date: date = Field(description="first UTC day, included")
    end_date: date = Field(description="last UTC day, included; at most 3660 days in all")
    format: Literal["csv", "ndjson"] = "csv"
    gzip: bool = False
    period: Literal["day", "month"] = Field("day", description="product_sales only")
