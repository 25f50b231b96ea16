"""An in-memory CatalogEditor for use-case tests; it passes the same contract suite as the SQL one."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from spacetime_service.domain.catalog_edits import (
    PlacedOrder,
    next_change_time,
    parse_product_version,
)
from spacetime_service.domain.errors import Conflict, NotFound, PreconditionFailed
from spacetime_service.domain.orders import Order, OrderStatus
from spacetime_service.domain.products import Product

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.domain.catalog_edits import OrderDraft, ProductChanges, ProductDraft


class FakeCatalogEditor:
    def __init__(self, products: list[Product] | None = None, orders: list[Order] | None = None) -> None:
        self.products: dict[int, Product] = {product.id: product for product in products or []}
        self.orders: list[Order] = list(orders or [])
        self.keys: dict[tuple[str, str], int] = {}

    def create_product(self, draft: ProductDraft, at: datetime) -> Product:
        if any(product.sku == draft.sku for product in self.products.values()):
            raise Conflict(f"a product with sku {draft.sku!r} exists")
        product = Product(
            id=max(self.products, default=0) + 1,
            sku=draft.sku,
            name=draft.name,
            description=draft.description,
            category=draft.category,
            price=draft.price,
            stock=draft.stock,
            created_at=at,
            updated_at=at,
        )
        self.products[product.id] = product
        return product

    def change_product(self, product_id: int, changes: ProductChanges, version: str, at: datetime) -> Product:
        current = self._current(product_id, version)
        if changes.sku is not None and any(
            p.sku == changes.sku and p.id != product_id for p in self.products.values()
        ):
            raise Conflict(f"a product with sku {changes.sku!r} exists")
        changed = dataclasses.replace(
            current,
            **changes.changed_fields(),  # type: ignore[arg-type]
            updated_at=next_change_time(at, current.updated_at),
        )
        self.products[product_id] = changed
        return changed

    def delete_product(self, product_id: int, version: str) -> None:
        if any(order.product_id == product_id for order in self.orders):
            raise Conflict(f"orders name product {product_id}; the order history keeps its products")
        self._current(product_id, version)
        del self.products[product_id]

    def place_order(
        self, draft: OrderDraft, placed_by: str, idempotency_key: str | None, at: datetime
    ) -> PlacedOrder:
        if idempotency_key is not None and (placed_by, idempotency_key) in self.keys:
            earlier = next(o for o in self.orders if o.id == self.keys[placed_by, idempotency_key])
            if not draft.matches(earlier):
                raise Conflict("this Idempotency-Key was used for a different order")
            return PlacedOrder(earlier, created=False)
        product = self.products.get(draft.product_id)
        if product is None:
            raise NotFound(f"no product with id {draft.product_id}")
        if product.stock < draft.quantity:
            raise Conflict(
                f"product {draft.product_id} has {product.stock} in stock, fewer than {draft.quantity}"
            )
        self.products[product.id] = dataclasses.replace(
            product,
            stock=product.stock - draft.quantity,
            updated_at=next_change_time(at, product.updated_at),
        )
        order = Order(
            id=max((o.id for o in self.orders), default=0) + 1,
            customer_id=draft.customer_id,
            product_id=draft.product_id,
            quantity=draft.quantity,
            unit_price=product.price,
            status=OrderStatus.PLACED,
            created_at=at,
        )
        self.orders.append(order)
        if idempotency_key is not None:
            self.keys[placed_by, idempotency_key] = order.id
        return PlacedOrder(order, created=True)

    def _current(self, product_id: int, version: str) -> Product:
        product = self.products.get(product_id)
        if product is None:
            raise NotFound(f"no product with id {product_id}")
        parsed = parse_product_version(version)
        if parsed != (product_id, product.updated_at):
            raise PreconditionFailed(f"product {product_id} changed since the version given; read it again")
        return product
