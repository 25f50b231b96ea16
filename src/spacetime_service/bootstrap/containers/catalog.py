"""The catalog: pages, one product, text search and whole-result streams of products, and single
products created, changed and deleted."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.adapters.sqlalchemy.catalog.catalog_editor import SqlAlchemyCatalogEditor
from spacetime_service.application.catalog.edit_product import ChangeProduct, CreateProduct, DeleteProduct
from spacetime_service.application.catalog.get_product import GetProduct
from spacetime_service.application.catalog.list_products import ListProducts
from spacetime_service.application.catalog.search_products import SearchProducts
from spacetime_service.application.catalog.stream_products import StreamProducts
from spacetime_service.application.pagination_cursor import CursorCodec

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock


class CatalogContainer(containers.DeclarativeContainer):
    """`database` is the DatabaseContainer; `cursor_codec` signs the pages' cursors and `clock` dates
    the changes (both the root's)."""

    database = providers.DependenciesContainer()
    cursor_codec = providers.Dependency(instance_of=CursorCodec)
    clock: providers.Dependency[Clock] = providers.Dependency()

    uow_factory = database.unit_of_work.provider

    list_products = providers.Factory(ListProducts, uow_factory=uow_factory, cursors=cursor_codec)
    get_product = providers.Factory(GetProduct, uow_factory=uow_factory)
    search_products = providers.Factory(SearchProducts, listing=list_products)
    stream_products = providers.Factory(StreamProducts, uow_factory=uow_factory)

    catalog_editor = providers.Factory(SqlAlchemyCatalogEditor, engine=database.engine)
    create_product = providers.Factory(CreateProduct, editor=catalog_editor, clock=clock)
    change_product = providers.Factory(ChangeProduct, editor=catalog_editor, clock=clock)
    delete_product = providers.Factory(DeleteProduct, editor=catalog_editor)
