"""The root container: one per process, built from Settings; entrypoints wire it."""

from __future__ import annotations

from collections.abc import Mapping

from dependency_injector import containers, providers

from spacetime_service.bootstrap.containers.analytics import AnalyticsContainer
from spacetime_service.bootstrap.containers.catalog import CatalogContainer
from spacetime_service.bootstrap.containers.database import DatabaseContainer
from spacetime_service.bootstrap.containers.demo import DemoContainer
from spacetime_service.bootstrap.containers.imports import ImportsContainer
from spacetime_service.bootstrap.containers.jobs import JobsContainer
from spacetime_service.bootstrap.containers.memory import MemoryContainer
from spacetime_service.bootstrap.containers.ml import MlContainer
from spacetime_service.bootstrap.containers.reports import ReportsContainer
from spacetime_service.bootstrap.settings import Settings


def _job_handlers(root: RootContainer) -> Mapping[str, object]:
    """Every capability's handlers by job kind. Read through the root itself, because the capability
    containers depend on the jobs container that runs their handlers."""
    return {**root.reports.job_handlers(), **root.imports.job_handlers(), **root.ml.job_handlers()}


class RootContainer(containers.DeclarativeContainer):
    __self__ = providers.Self()
    settings = providers.Dependency(instance_of=Settings)

    database = providers.Container(DatabaseContainer, settings=settings)
    catalog = providers.Container(CatalogContainer, settings=settings, database=database)
    memory = providers.Container(MemoryContainer, settings=settings.provided.memory)
    jobs = providers.Container(
        JobsContainer,
        settings=settings.provided.jobs,
        database=database,
        cursor_codec=catalog.cursor_codec,
        handlers=providers.Callable(_job_handlers, __self__),
        memory=memory,
    )
    demo = providers.Container(DemoContainer, settings=settings, database=database)
    reports = providers.Container(
        ReportsContainer, settings=settings, database=database, memory=memory, jobs=jobs
    )
    imports = providers.Container(
        ImportsContainer, settings=settings, database=database, memory=memory, jobs=jobs
    )
    ml = providers.Container(
        MlContainer,
        settings=settings.provided.ml,
        database=database,
        jobs=jobs,
        cursor_codec=catalog.cursor_codec,
    )
    analytics = providers.Container(AnalyticsContainer, settings=settings, database=database, memory=memory)


def build_container(settings: Settings | None = None) -> RootContainer:
    """A container for these settings (read from the environment when not given)."""
    return RootContainer(settings=settings or Settings())
