"""The database adapters: two engines (Resources started in the lifespan), units of work per call,
and the migrations that bring the schema to its newest revision.

`engine` serves HTTP requests; `job_engine` is the job runners' own pool (SPACETIME_DB_JOB_POOL_SIZE),
so that clients holding every request connection (say, streams that stopped reading) cannot starve a
running job: a request that finds no connection in time is answered 503, a job keeps going."""

from __future__ import annotations

from dependency_injector import containers, providers

from spacetime_service.adapters.sqlalchemy.engine import PoolSizing, database_engine
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
        pool=providers.Factory(
            PoolSizing,
            size=settings.provided.database.pool_size,
            max_overflow=settings.provided.database.max_overflow,
            timeout_seconds=settings.provided.database.pool_timeout_seconds,
        ),
    )
    # As many again past its size at busy times (a job may hold its unit of work's connection while
    # its heartbeat renews the lease); a job that still waits past the timeout meets Unavailable,
    # which the job engine retries from the checkpoint.
    job_engine = providers.Resource(
        database_engine,
        url=settings.provided.database.url,
        export_backends=settings.provided.database.export_backends,
        pool=providers.Factory(
            PoolSizing,
            size=settings.provided.database.job_pool_size,
            max_overflow=settings.provided.database.job_pool_size,
            timeout_seconds=settings.provided.database.pool_timeout_seconds,
        ),
    )
    unit_of_work = providers.Factory(
        SqlAlchemyUnitOfWork, engine=engine, fetch_rows=settings.provided.database.fetch_rows
    )
    health_probe = providers.Factory(SqlAlchemyHealthProbe, engine=engine)
    # Runs Alembic on a connection of its own, so it needs the URL only, never the engine.
    migrate = providers.Callable(upgrade_to_head, settings.provided.database.url)
