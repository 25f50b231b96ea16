"""Use case: one keyset page of the order history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.cursor_pages import sorted_cursors
from spacetime_service.application.ports.order_reader import ORDER_SORT_FIELDS
from spacetime_service.domain.pagination import PageRequest, Sort

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.cursor_pages import CursorPage
    from spacetime_service.application.pagination_cursor import CursorCodec
    from spacetime_service.application.ports.unit_of_work import UnitOfWork
    from spacetime_service.domain.orders import Order, OrderFilter


@dataclass(frozen=True, slots=True)
class ListOrdersCommand:
    order_filter: OrderFilter
    sort: Sort
    limit: int
    cursor: str | None = None


class ListOrders:
    """A keyset page of orders by id or creation time, filtered by date range, status, customer and
    product. Deep pages cost the same as the first one."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork], cursors: CursorCodec) -> None:
        self._uow_factory = uow_factory
        self._cursors = sorted_cursors(cursors)

    def execute(self, command: ListOrdersCommand) -> CursorPage[Order]:
        after = self._cursors.after(command.cursor)
        request = PageRequest(command.sort.require_in(ORDER_SORT_FIELDS), command.limit, after)
        with self._uow_factory() as uow:
            page = uow.orders.page(command.order_filter, request)
        return self._cursors.page(page.items, page.next_position)
