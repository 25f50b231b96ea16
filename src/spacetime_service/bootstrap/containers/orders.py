"""The order history: keyset pages, one order, whole-result streams of orders, and orders placed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.application.orders.get_order import GetOrder
from spacetime_service.application.orders.list_orders import ListOrders
from spacetime_service.application.orders.place_order import PlaceOrder
from spacetime_service.application.orders.stream_orders import StreamOrders
from spacetime_service.application.pagination_cursor import CursorCodec

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock


class OrdersContainer(containers.DeclarativeContainer):
    """`database` is the DatabaseContainer; `catalog` the CatalogContainer, whose editor places orders
    (an order takes a product's stock in the same transaction)."""

    database = providers.DependenciesContainer()
    catalog = providers.DependenciesContainer()
    cursor_codec = providers.Dependency(instance_of=CursorCodec)
    clock: providers.Dependency[Clock] = providers.Dependency()

    uow_factory = database.unit_of_work.provider

    list_orders = providers.Factory(ListOrders, uow_factory=uow_factory, cursors=cursor_codec)
    stream_orders = providers.Factory(StreamOrders, uow_factory=uow_factory)
    get_order = providers.Factory(GetOrder, uow_factory=uow_factory)
    place_order = providers.Factory(PlaceOrder, editor=catalog.catalog_editor, clock=clock)
