"""Response bodies of the catalog's JSON endpoints, in the wire form of application/encoding/wire.py."""

from __future__ import annotations

from pydantic import BaseModel

from spacetime_service.entrypoints.http.schemas.common import (
    MONEY_FIELD,
    NEXT_CURSOR_FIELD,
    TIME_FIELD,
    PageLinks,
)


class ProductOut(BaseModel):
    id: int
    sku: str
    name: str
    description: str
    category: str
    price: str = MONEY_FIELD
    stock: int
    created_at: str = TIME_FIELD
    updated_at: str = TIME_FIELD


class ProductPageOut(BaseModel):
    items: list[ProductOut]
    next_cursor: str | None = NEXT_CURSOR_FIELD
    links: PageLinks
