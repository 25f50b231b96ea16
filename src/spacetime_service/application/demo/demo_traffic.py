"""Use case: orders placed as a shop's customers would, so that the live analytics move on demo data.

The demo history ends at a fixed date; this places new orders now, through the same use case as
`POST /orders`, for random customers and products of the catalog. A product that runs out is restocked
(through the same versioned change as `PATCH /products/{id}`), so the traffic can run for hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.catalog_edits import OrderDraft, ProductChanges, product_version
from spacetime_service.domain.errors import Conflict, NotFound, PreconditionFailed
from spacetime_service.domain.orders import MAX_CUSTOMER_ID
from spacetime_service.domain.pagination import MAX_PAGE_SIZE, PageRequest, Sort
from spacetime_service.domain.products import ProductFilter

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from random import Random

    from spacetime_service.application.catalog.edit_product import ChangeProduct
    from spacetime_service.application.orders.place_order import PlaceOrder
    from spacetime_service.application.ports.unit_of_work import UnitOfWork
    from spacetime_service.domain.orders import Order

DEMO_TRAFFIC_OWNER = "demo-traffic"
# The default demo history's customers are numbered 1 to 12,500; new orders come from the same crowd.
DEMO_CUSTOMERS = 12_500
RESTOCK_QUANTITY = 100
MAX_QUANTITY = 3


@dataclass(frozen=True, slots=True)
class DemoTrafficCommand:
    customers: int = DEMO_CUSTOMERS


class DemoTraffic:
    def __init__(
        self,
        place_order: PlaceOrder,
        change_product: ChangeProduct,
        uow_factory: Callable[[], UnitOfWork],
        random: Random,
    ) -> None:
        self._place_order = place_order
        self._change_product = change_product
        self._uow_factory = uow_factory
        self._random = random

    def orders(self, command: DemoTrafficCommand) -> Iterator[Order]:
        """An endless stream of newly placed orders, one per `next`; NotFound when the catalog is empty."""
        product_ids = self._product_ids()
        customers = min(max(command.customers, 1), MAX_CUSTOMER_ID)
        while True:
            draft = OrderDraft(
                customer_id=self._random.randint(1, customers),
                product_id=self._random.choice(product_ids),
                quantity=self._random.randint(1, MAX_QUANTITY),
            )
            try:
                yield self._place_order.execute(draft, DEMO_TRAFFIC_OWNER, None).order
            except Conflict:
                self._restock(draft.product_id)
            except NotFound:  # deleted meanwhile: order the others
                product_ids.remove(draft.product_id)
                if not product_ids:
                    raise

    def _product_ids(self) -> list[int]:
        """Up to a page of product ids: enough variety for a demo, read once."""
        with self._uow_factory() as uow:
            page = uow.products.page(ProductFilter(), PageRequest(Sort("id"), MAX_PAGE_SIZE))
        if not page.items:
            raise NotFound("the catalog holds no products; run `spacetime seed` first")
        return [product.id for product in page.items]

    def _restock(self, product_id: int) -> None:
        with self._uow_factory() as uow:
            product = uow.products.get(product_id)
        if product is None:
            return
        changes = ProductChanges(stock=product.stock + RESTOCK_QUANTITY)
        try:
            self._change_product.execute(product_id, changes, product_version(product))
        except (PreconditionFailed, NotFound):  # someone else changed it meanwhile: their change stands
            return
