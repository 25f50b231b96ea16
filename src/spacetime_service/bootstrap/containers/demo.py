"""The demo data: the generator, the bulk loader over the database engine, the seeding use case, and
the traffic that places new orders through the orders' and the catalog's own use cases."""

from __future__ import annotations

from random import Random

from dependency_injector import containers, providers

from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource
from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader
from spacetime_service.application.demo.demo_traffic import DemoTraffic
from spacetime_service.application.demo.seed_demo_data import SeedDemoData
from spacetime_service.bootstrap.settings import Settings


class DemoContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    database = providers.DependenciesContainer()
    catalog = providers.DependenciesContainer()
    orders = providers.DependenciesContainer()

    demo_data_source = providers.Singleton(NumpyDemoDataSource)
    catalog_loader = providers.Factory(SqlAlchemyCatalogLoader, engine=database.engine)
    seed_demo_data = providers.Factory(SeedDemoData, source=demo_data_source, loader=catalog_loader)
    demo_traffic = providers.Factory(
        DemoTraffic,
        place_order=orders.place_order,
        change_product=catalog.change_product,
        uow_factory=database.unit_of_work.provider,
        random=providers.Factory(Random),
    )
