"""Port: reads of the order history, which is the large table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacetime_service.application.encoding.table_encoding import TableEncoding
    from spacetime_service.domain.orders import Order, OrderFilter
    from spacetime_service.domain.pagination import Page, PageRequest

ORDER_SORT_FIELDS: tuple[str, ...] = ("id", "created_at")


@runtime_checkable
class OrderReader(Protocol):
    def get(self, order_id: int) -> Order | None:
        """The order with this id, or None."""

    def page(self, order_filter: OrderFilter, request: PageRequest) -> Page[Order]:
        """One page in `request.sort` order (id breaks ties), starting strictly after `request.after`."""

    def encoded(self, order_filter: OrderFilter, encoding: TableEncoding) -> Iterator[bytes]:
        """Every matching order in id order, as the bytes the reference encoder would write.

        Reads in bounded chunks; closing the iterator releases the database cursor at once.
        """
