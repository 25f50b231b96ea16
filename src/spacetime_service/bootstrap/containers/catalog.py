"""The catalog: pages, one product, text search and whole-result streams of products."""

from __future__ import annotations

from dependency_injector import containers, providers

from spacetime_service.application.catalog.get_product import GetProduct
from spacetime_service.application.catalog.list_products import ListProducts
from spacetime_service.application.catalog.search_products import SearchProducts
from spacetime_service.application.catalog.stream_products import StreamProducts
from spacetime_service.application.pagination_cursor import CursorCodec


class CatalogContainer(containers.DeclarativeContainer):
    """`database` is the DatabaseContainer; `cursor_codec` signs the pages' cursors (the root's)."""

    database = providers.DependenciesContainer()
    cursor_codec = providers.Dependency(instance_of=CursorCodec)

    uow_factory = database.unit_of_work.provider

    list_products = providers.Factory(ListProducts, uow_factory=uow_factory, cursors=cursor_codec)
    get_product = providers.Factory(GetProduct, uow_factory=uow_factory)
    search_products = providers.Factory(SearchProducts, listing=list_products)
    stream_products = providers.Factory(StreamProducts, uow_factory=uow_factory)
