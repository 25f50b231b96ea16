"""The order history: keyset pages and whole-result streams of orders."""

from __future__ import annotations

from dependency_injector import containers, providers

from spacetime_service.application.orders.list_orders import ListOrders
from spacetime_service.application.orders.stream_orders import StreamOrders
from spacetime_service.application.pagination_cursor import CursorCodec


class OrdersContainer(containers.DeclarativeContainer):
    """`database` is the DatabaseContainer; `cursor_codec` signs the pages' cursors (the root's)."""

    database = providers.DependenciesContainer()
    cursor_codec = providers.Dependency(instance_of=CursorCodec)

    uow_factory = database.unit_of_work.provider

    list_orders = providers.Factory(ListOrders, uow_factory=uow_factory, cursors=cursor_codec)
    stream_orders = providers.Factory(StreamOrders, uow_factory=uow_factory)
