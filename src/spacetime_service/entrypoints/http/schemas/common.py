"""Response bodies of the JSON endpoints, as documented in OpenAPI. Values are in the wire form of
application/encoding/wire.py: money as exact decimal text, times as UTC ISO 8601 with `Z`."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

_MONEY = Field(examples=["12.34"], pattern=r"^\d+\.\d{2}$", description="exact amount, two decimals")
_TIME = Field(examples=["2025-03-01T12:34:56Z"], json_schema_extra={"format": "date-time"})


class ProductOut(BaseModel):
    id: int
    sku: str
    name: str
    description: str
    category: str
    price: str = _MONEY
    stock: int
    created_at: str = _TIME
    updated_at: str = _TIME


class OrderOut(BaseModel):
    id: int
    customer_id: int
    product_id: int
    quantity: int
    unit_price: str = _MONEY
    status: str = Field(examples=["shipped"])
    created_at: str = _TIME


class PageLinks(BaseModel):
    next: str | None = Field(description="relative URL of the next page; null on the last page")


class ProductPageOut(BaseModel):
    items: list[ProductOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")
    links: PageLinks


class OrderPageOut(BaseModel):
    items: list[OrderOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")
    links: PageLinks


class InvalidParam(BaseModel):
    name: str = Field(description="the parameter, e.g. `limit`")
    in_: str = Field(alias="in", description="`query` or `path`")
    index: int | None = Field(None, description="which value of a repeated parameter, from 0")
    detail: str = Field(description="what is wrong and what would be accepted")


class Problem(BaseModel):
    """RFC 9457 problem details, sent as `application/problem+json`."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(examples=["tag:spacetime-service,2025:problem:invalid-input"])
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[InvalidParam] | None = Field(None, description="each rejected parameter (422 only)")


class Liveness(BaseModel):
    status: str = Field(examples=["alive"])


class Readiness(BaseModel):
    status: str = Field(examples=["ready"])
    checks: dict[str, str] = Field(examples=[{"database": "ok"}])
