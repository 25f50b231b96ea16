"""Use case: one page of the catalog."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeAlias

from spacetime_service.application.cursor_pages import CursorPage, sorted_cursors
from spacetime_service.application.ports.product_repository import PRODUCT_SORT_FIELDS
from spacetime_service.domain.catalog import require_category
from spacetime_service.domain.pagination import PageRequest, Sort

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.pagination_cursor import CursorCodec
    from spacetime_service.application.ports.unit_of_work import UnitOfWork
    from spacetime_service.domain.products import Product, ProductFilter


@dataclass(frozen=True, slots=True)
class ListProductsCommand:
    product_filter: ProductFilter
    sort: Sort
    limit: int
    cursor: str | None = None


# The page the listing (and the search) hands back.
ProductPage: TypeAlias = CursorPage["Product"]


class ListProducts:
    """A page of products matching the filter, sorted on an allow-listed field with the id as
    tie-breaker. Pages are keyset pages: the cursor names the last row seen, so pages stay stable and
    fast however deep the client goes. Categories must be known ones; a cursor from another sort order
    or an altered cursor is refused."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork], cursors: CursorCodec) -> None:
        self._uow_factory = uow_factory
        self._cursors = sorted_cursors(cursors)

    def execute(self, command: ListProductsCommand) -> ProductPage:
        for category in command.product_filter.categories:
            require_category(category)
        after = self._cursors.after(command.cursor)
        request = PageRequest(command.sort.require_in(PRODUCT_SORT_FIELDS), command.limit, after)
        with self._uow_factory() as uow:
            page = uow.products.page(command.product_filter, request)
        return self._cursors.page(page.items, page.next_position)
