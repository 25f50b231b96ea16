"""Port: where products are kept."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.encoding.table_encoding import TableEncoding
    from spacetime_service.domain.pagination import Page, PageRequest
    from spacetime_service.domain.products import Product, ProductFilter

PRODUCT_SORT_FIELDS: tuple[str, ...] = ("id", "name", "price", "stock", "created_at", "updated_at")


@runtime_checkable
class ProductRepository(Protocol):
    def get(self, product_id: int) -> Product | None:
        """The product with this id, or None."""

    def page(self, product_filter: ProductFilter, request: PageRequest) -> Page[Product]:
        """One page in `request.sort` order (id breaks ties), starting strictly after `request.after`."""

    def count(self, product_filter: ProductFilter) -> int:
        """How many products match."""

    def encoded(self, product_filter: ProductFilter, encoding: TableEncoding) -> Iterator[bytes]:
        """Every matching product in id order, as the bytes the reference encoder would write.

        Reads in bounded chunks; closing the iterator releases the database cursor at once.
        """
