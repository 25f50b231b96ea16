"""Port: changes to the catalog one product or one order at a time, each in a transaction of its own.

A product is changed or deleted only in the state the client has seen: the version it names (see
`domain.catalog_edits.product_version`) must still be the product's, else PreconditionFailed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.domain.catalog_edits import OrderDraft, PlacedOrder, ProductChanges, ProductDraft
    from spacetime_service.domain.products import Product


class CatalogEditor(Protocol):
    def create_product(self, draft: ProductDraft, at: datetime) -> Product:
        """The new product, created and updated at `at`; Conflict when its sku is taken."""

    def change_product(self, product_id: int, changes: ProductChanges, version: str, at: datetime) -> Product:
        """The product after the changes; NotFound without it, PreconditionFailed when `version` is not
        its current one, Conflict when a new sku is taken. The change time moves forward (see
        `next_change_time`), so the product gets a new version."""

    def delete_product(self, product_id: int, version: str) -> None:
        """NotFound without it, PreconditionFailed when `version` is not its current one, Conflict when
        orders name it (the order history keeps its products)."""

    def place_order(
        self, draft: OrderDraft, placed_by: str, idempotency_key: str | None, at: datetime
    ) -> PlacedOrder:
        """Takes the quantity off the product's stock and records the order at the product's price, in
        one transaction. NotFound without the product; Conflict when its stock is short, or when
        `placed_by` already used `idempotency_key` for a different order. The same key for the same
        order reads that order back (`created` False) and changes nothing."""
