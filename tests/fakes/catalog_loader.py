"""An in-memory catalog loader for use-case tests; passes the catalog loader contract suite."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.ports.catalog_loader import CatalogSize, OrderRows, ProductRows
from spacetime_service.domain.errors import Conflict

if TYPE_CHECKING:
    from collections.abc import Iterable


class InMemoryCatalogLoader:
    """Keeps loaded rows as dicts of column values by id; a failed load keeps nothing of itself."""

    def __init__(self) -> None:
        self.products: dict[int, dict[str, object]] = {}
        self.orders: dict[int, dict[str, object]] = {}

    def size(self) -> CatalogSize:
        return CatalogSize(products=len(self.products), orders=len(self.orders))

    def load(self, products: Iterable[ProductRows], orders: Iterable[OrderRows]) -> CatalogSize:
        new_products: dict[int, dict[str, object]] = {}
        for batch in products:
            for index, product_id in enumerate(batch.ids):
                if product_id in self.products or product_id in new_products:
                    raise Conflict(f"product id {product_id} is taken")
                new_products[product_id] = {
                    "sku": batch.skus[index], "name": batch.names[index], "category": batch.categories[index],
                    "price_cents": batch.price_cents[index], "stock": batch.stock[index],
                }  # fmt: skip
        new_orders: dict[int, dict[str, object]] = {}
        for order_batch in orders:
            for index, order_id in enumerate(order_batch.ids):
                product_id = order_batch.product_ids[index]
                if order_id in self.orders or order_id in new_orders:
                    raise Conflict(f"order id {order_id} is taken")
                if product_id not in self.products and product_id not in new_products:
                    raise Conflict(f"order {order_id} names the missing product {product_id}")
                new_orders[order_id] = {
                    "product_id": product_id, "quantity": order_batch.quantities[index],
                    "status": order_batch.statuses[index],
                }  # fmt: skip
        self.products.update(new_products)
        self.orders.update(new_orders)
        return CatalogSize(products=len(new_products), orders=len(new_orders))
