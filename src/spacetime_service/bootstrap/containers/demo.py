"""The demo data: the generator, the bulk loader over the database engine, and the seeding use case."""

from __future__ import annotations

from dependency_injector import containers, providers

from spacetime_service.adapters.demo_data.numpy_demo_data_source import NumpyDemoDataSource
from spacetime_service.adapters.sqlalchemy.catalog_loading.loader import SqlAlchemyCatalogLoader
from spacetime_service.application.demo.seed_demo_data import SeedDemoData
from spacetime_service.bootstrap.settings import Settings


class DemoContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)
    database = providers.DependenciesContainer()

    demo_data_source = providers.Singleton(NumpyDemoDataSource)
    catalog_loader = providers.Factory(SqlAlchemyCatalogLoader, engine=database.engine)
    seed_demo_data = providers.Factory(SeedDemoData, source=demo_data_source, loader=catalog_loader)
