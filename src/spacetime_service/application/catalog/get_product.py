"""Use case: one product by id."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.errors import NotFound

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.ports.unit_of_work import UnitOfWork
    from spacetime_service.domain.products import Product


class GetProduct:
    """One product by id; NotFound when there is none."""

    def __init__(self, uow_factory: Callable[[], UnitOfWork]) -> None:
        self._uow_factory = uow_factory

    def execute(self, product_id: int) -> Product:
        with self._uow_factory() as uow:
            product = uow.products.get(product_id)
        if product is None:
            raise NotFound(f"no product with id {product_id}")
        return product
