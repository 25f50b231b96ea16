"""Request bodies that create or change one product, or place one order. The bounds here are the
domain's (see domain/product_fields.py and domain/catalog_edits.py), declared so that the OpenAPI
document states them; the domain checks them again."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from spacetime_service.domain.catalog import CATEGORIES
from spacetime_service.domain.catalog_edits import MAX_ORDER_QUANTITY
from spacetime_service.domain.orders import MAX_CUSTOMER_ID
from spacetime_service.domain.product_fields import MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH, MAX_SKU_LENGTH
from spacetime_service.domain.products import MAX_STOCK
from spacetime_service.domain.ranges import MAX_ID

CategoryIn = StrEnum("CategoryIn", {name.upper(): name for name in CATEGORIES})  # type: ignore[misc]

# Exact decimal text: a client's binary float could not say 0.10 exactly.
_PRICE = r"^[0-9]{1,8}(\.[0-9]{1,2})?$"
_PRICE_HELP = "exact decimal text, at most two decimals"


class ProductIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "sku": "LAMP-001",
                    "name": "Desk lamp",
                    "category": CATEGORIES[0],
                    "price": "19.99",
                    "stock": 12,
                }
            ]
        },
    )

    sku: str = Field(min_length=1, max_length=MAX_SKU_LENGTH, description="unique; no surrounding spaces")
    name: str = Field(min_length=1, max_length=MAX_NAME_LENGTH)
    description: str = Field("", max_length=MAX_DESCRIPTION_LENGTH)
    category: CategoryIn
    price: str = Field(pattern=_PRICE, examples=["19.99"], description=_PRICE_HELP)
    stock: int = Field(ge=0, le=MAX_STOCK)


class ProductChangesIn(BaseModel):
    """A JSON merge patch (RFC 7396) of a product's own fields: those given change, the others stay."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"price": "24.50"}, {"stock": 0, "name": "Desk lamp"}]},
    )

    sku: str | None = Field(None, min_length=1, max_length=MAX_SKU_LENGTH)
    name: str | None = Field(None, min_length=1, max_length=MAX_NAME_LENGTH)
    description: str | None = Field(None, max_length=MAX_DESCRIPTION_LENGTH)
    category: CategoryIn | None = None
    price: str | None = Field(None, pattern=_PRICE, examples=["24.50"])
    stock: int | None = Field(None, ge=0, le=MAX_STOCK)


class OrderIn(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"customer_id": 42, "product_id": 7, "quantity": 2}]}
    )

    customer_id: int = Field(ge=1, le=MAX_CUSTOMER_ID)
    product_id: int = Field(ge=1, le=MAX_ID)
    quantity: int = Field(ge=1, le=MAX_ORDER_QUANTITY)
