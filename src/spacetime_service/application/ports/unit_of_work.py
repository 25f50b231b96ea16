"""Port: one transaction over the stores, committed explicitly and rolled back otherwise."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from spacetime_service.application.ports.transaction import Transaction

if TYPE_CHECKING:
    from spacetime_service.application.ports.order_reader import OrderReader
    from spacetime_service.application.ports.product_repository import ProductRepository


class UnitOfWork(Transaction, Protocol):
    # Read-only members, so that a unit of work whose stores are its own classes (each implementing
    # the store's port) is one of these.
    @property
    def products(self) -> ProductRepository: ...

    @property
    def orders(self) -> OrderReader: ...
