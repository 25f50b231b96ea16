"""Use case: one order by id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.errors import NotFound

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.ports.unit_of_work import UnitOfWork
    from spacetime_service.domain.orders import Order


class GetOrder:
    def __init__(self, uow_factory: Callable[[], UnitOfWork]) -> None:
        self._uow_factory = uow_factory

    def execute(self, order_id: int) -> Order:
        with self._uow_factory() as uow:
            order = uow.orders.get(order_id)
        if order is None:
            raise NotFound(f"no order with id {order_id}")
        return order
