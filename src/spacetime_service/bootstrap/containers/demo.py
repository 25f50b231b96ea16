"""The demo data: the generator, the bulk loader over the database engine, the seeding use case, and
the traffic that places new orders through the orders' and the catalog's own use cases."""

from __future__ import annotations

from random import Random
from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.application.demo.demo_traffic import DemoTraffic
from spacetime_service.application.demo.seed_demo_data import SeedDemoData
from spacetime_service.bootstrap.containers.deferred import deferred
from spacetime_service.bootstrap.settings import Settings

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from spacetime_service.application.ports.catalog_loader import CatalogLoader
    from spacetime_service.application.ports.demo_data_source import DemoDataSource


def numpy_demo_data_source() -> DemoDataSource:
    """The generator, NumPy imported on its first use: `spacetime serve` asks the seeding use case
    whether the database is empty at every start, and loads nothing (needs no NumPy) when it is not."""

    def build() -> DemoDataSource:
        from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource

        return NumpyDemoDataSource()

    return deferred(build)


def sqlalchemy_catalog_loader(engine: Engine) -> CatalogLoader:
    """The bulk loader, imported when seeding asks for it (it brings NumPy's timestamp formatting and
    psycopg's COPY): an API process never seeds."""
    from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader

    return SqlAlchemyCatalogLoader(engine)


class DemoContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    database = providers.DependenciesContainer()
    catalog = providers.DependenciesContainer()
    orders = providers.DependenciesContainer()

    demo_data_source = providers.Singleton(numpy_demo_data_source)
    catalog_loader = providers.Factory(sqlalchemy_catalog_loader, engine=database.engine)
    seed_demo_data = providers.Factory(SeedDemoData, source=demo_data_source, loader=catalog_loader)
    demo_traffic = providers.Factory(
        DemoTraffic,
        place_order=orders.place_order,
        change_product=catalog.change_product,
        uow_factory=database.unit_of_work.provider,
        random=providers.Factory(Random),
    )
