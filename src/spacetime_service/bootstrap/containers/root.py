"""The root container: one per process, built from Settings; entrypoints wire it."""

from __future__ import annotations

from dependency_injector import containers, providers

from spacetime_service.bootstrap.containers.analytics import AnalyticsContainer
from spacetime_service.bootstrap.containers.catalog import CatalogContainer
from spacetime_service.bootstrap.containers.database import DatabaseContainer
from spacetime_service.bootstrap.containers.jobs import JobsContainer
from spacetime_service.bootstrap.containers.memory import MemoryContainer
from spacetime_service.bootstrap.settings import Settings


class RootContainer(containers.DeclarativeContainer):
    settings = providers.Dependency(instance_of=Settings)

    database = providers.Container(DatabaseContainer, settings=settings)
    catalog = providers.Container(CatalogContainer, settings=settings, database=database)
    jobs = providers.Container(
        JobsContainer,
        settings=settings.provided.jobs,
        database=database,
        cursor_codec=catalog.cursor_codec,
    )
    memory = providers.Container(MemoryContainer, settings=settings.provided.memory)
    analytics = providers.Container(AnalyticsContainer, settings=settings, database=database, memory=memory)


def build_container(settings: Settings | None = None) -> RootContainer:
    """A container for these settings (read from the environment when not given)."""
    return RootContainer(settings=settings or Settings())
