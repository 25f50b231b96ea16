"""Port: loads many catalog rows at once, far faster than one entity at a time through a repository."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


@dataclass(frozen=True, slots=True)
class ProductRows:
    """A run of products as columns; index i of every column describes one product.

    Columns are storage-ready: money is a count of cents and times are microseconds since the Unix
    epoch in UTC, so a loader never builds a Decimal or a datetime per row.
    """

    ids: Sequence[int]
    skus: Sequence[str]
    names: Sequence[str]
    descriptions: Sequence[str]
    categories: Sequence[str]
    price_cents: Sequence[int]
    stock: Sequence[int]
    created_at_us: Sequence[int]
    updated_at_us: Sequence[int]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class OrderRows:
    """A run of orders as columns, in the same storage-ready units as `ProductRows`."""

    ids: Sequence[int]
    customer_ids: Sequence[int]
    product_ids: Sequence[int]
    quantities: Sequence[int]
    unit_price_cents: Sequence[int]
    statuses: Sequence[str]
    created_at_us: Sequence[int]

    def __len__(self) -> int:
        return len(self.ids)


@dataclass(frozen=True, slots=True)
class CatalogSize:
    products: int
    orders: int

    @property
    def is_empty(self) -> bool:
        return self.products == 0 and self.orders == 0


@runtime_checkable
class CatalogLoader(Protocol):
    def size(self) -> CatalogSize:
        """How many products and orders the store holds now."""

    def load(self, products: Iterable[ProductRows], orders: Iterable[OrderRows]) -> CatalogSize:
        """Stores every product, then every order, with their explicit ids, all or nothing.

        Reads the batches one at a time, so memory stays bounded by one batch. Rows added later
        without an id get ids after the largest one loaded. Returns how many rows were loaded.
        Raises Conflict when an id is taken or an order names a product that does not exist, and
        Unavailable when the store cannot be reached or has no catalog tables.
        """
