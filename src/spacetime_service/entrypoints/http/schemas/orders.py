"""Response bodies of the order history's JSON endpoints, in the wire form of
application/encoding/wire.py."""

from __future__ import annotations

from pydantic import BaseModel, Field

from spacetime_service.entrypoints.http.schemas.common import (
    MONEY_FIELD,
    NEXT_CURSOR_FIELD,
    TIME_FIELD,
    PageLinks,
)


class OrderOut(BaseModel):
    id: int
    customer_id: int
    product_id: int
    quantity: int
    unit_price: str = MONEY_FIELD
    status: str = Field(examples=["shipped"])
    created_at: str = TIME_FIELD


class OrderPageOut(BaseModel):
    items: list[OrderOut]
    next_cursor: str | None = NEXT_CURSOR_FIELD
    links: PageLinks
