"""Port: one transaction over the stores, committed explicitly and rolled back otherwise."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:
    from types import TracebackType

    from spacetime_service.application.ports.order_reader import OrderReader
    from spacetime_service.application.ports.product_repository import ProductRepository


class UnitOfWork(Protocol):
    # Read-only members, so that a unit of work whose stores are its own classes (each implementing
    # the store's port) is one of these.
    @property
    def products(self) -> ProductRepository: ...

    @property
    def orders(self) -> OrderReader: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        """Rolls back whatever was not committed and releases the connection."""

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
