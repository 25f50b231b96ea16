"""Use cases of the catalog and the order history."""

from __future__ import annotations

from dependency_injector import containers, providers

from spacetime_service.application.catalog.get_product import GetProduct
from spacetime_service.application.catalog.list_products import ListProducts
from spacetime_service.application.catalog.search_products import SearchProducts
from spacetime_service.application.catalog.stream_products import StreamProducts
from spacetime_service.application.orders.list_orders import ListOrders
from spacetime_service.application.orders.stream_orders import StreamOrders
from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.bootstrap.settings import Settings


def _cursor_secret(settings: Settings) -> bytes:
    return settings.api.cursor_secret.get_secret_value().encode()


class CatalogContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    database = providers.DependenciesContainer()

    cursor_codec = providers.Singleton(CursorCodec, secret=providers.Callable(_cursor_secret, settings))
    uow_factory = database.unit_of_work.provider

    list_products = providers.Factory(ListProducts, uow_factory=uow_factory, cursors=cursor_codec)
    get_product = providers.Factory(GetProduct, uow_factory=uow_factory)
    search_products = providers.Factory(SearchProducts, listing=list_products)
    stream_products = providers.Factory(StreamProducts, uow_factory=uow_factory)
    list_orders = providers.Factory(ListOrders, uow_factory=uow_factory, cursors=cursor_codec)
    stream_orders = providers.Factory(StreamOrders, uow_factory=uow_factory)
