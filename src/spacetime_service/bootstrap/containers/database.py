"""The database adapters: engine (a Resource started in the lifespan) and units of work per call."""

from __future__ import annotations

from dependency_injector import containers, providers

from spacetime_service.adapters.sqlalchemy.engine import database_engine
from spacetime_service.adapters.sqlalchemy.health import SqlAlchemyHealthProbe
from spacetime_service.adapters.sqlalchemy.unit_of_work import SqlAlchemyUnitOfWork
from spacetime_service.bootstrap.settings import Settings


class DatabaseContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    engine = providers.Resource(
        database_engine,
        url=settings.provided.database.url,
        export_backends=settings.provided.database.export_backends,
    )
    unit_of_work = providers.Factory(
        SqlAlchemyUnitOfWork, engine=engine, fetch_rows=settings.provided.database.fetch_rows
    )
    health_probe = providers.Factory(SqlAlchemyHealthProbe, engine=engine)
