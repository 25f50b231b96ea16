"""The database adapters: engine (a Resource started in the lifespan), units of work per call, and
the migrations that bring the schema to its newest revision."""

from __future__ import annotations

from dependency_injector import containers, providers

from spacetime_service.adapters.sqlalchemy.engine import database_engine
from spacetime_service.adapters.sqlalchemy.health import SqlAlchemyHealthProbe
from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
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
    # Runs Alembic on a connection of its own, so it needs the URL only, never the engine.
    migrate = providers.Callable(upgrade_to_head, settings.provided.database.url)
