"""The root container: one per process, built from Settings; entrypoints wire it.

It composes one container per capability and holds what they all share: the clock (one, so that a
test that fixes the time fixes it everywhere) and the codec that signs pagination cursors.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.bootstrap.containers.analytics import AnalyticsContainer
from spacetime_service.bootstrap.containers.bulk_updates import BulkUpdatesContainer
from spacetime_service.bootstrap.containers.catalog import CatalogContainer
from spacetime_service.bootstrap.containers.database import DatabaseContainer
from spacetime_service.bootstrap.containers.demo import DemoContainer
from spacetime_service.bootstrap.containers.identity import IdentityContainer
from spacetime_service.bootstrap.containers.imports import ImportsContainer
from spacetime_service.bootstrap.containers.jobs import JobsContainer
from spacetime_service.bootstrap.containers.memory import MemoryContainer
from spacetime_service.bootstrap.containers.ml import MlContainer
from spacetime_service.bootstrap.containers.orders import OrdersContainer
from spacetime_service.bootstrap.containers.reports import ReportsContainer
from spacetime_service.bootstrap.cursor_secret import cursor_secret
from spacetime_service.bootstrap.settings import Settings

if TYPE_CHECKING:
    from collections.abc import Mapping


def _cursor_secret(settings: Settings) -> bytes:
    return cursor_secret(settings.api)


def _job_handlers(root: RootContainer) -> Mapping[str, object]:
    """Every capability's handlers by job kind. Read through the root itself, because the capability
    containers depend on the jobs container that runs their handlers."""
    return {
        **root.bulk_updates.job_handlers(),
        **root.imports.job_handlers(),
        **root.reports.job_handlers(),
        **root.ml.job_handlers(),
    }


class RootContainer(containers.DeclarativeContainer):
    __self__ = providers.Self()
    settings = providers.Dependency(instance_of=Settings)

    clock = providers.Singleton(SystemClock)
    cursor_codec = providers.Singleton(CursorCodec, secret=providers.Callable(_cursor_secret, settings))

    database = providers.Container(DatabaseContainer, settings=settings)
    memory = providers.Container(MemoryContainer, settings=settings.provided.memory)
    jobs = providers.Container(
        JobsContainer,
        settings=settings.provided.jobs,
        quotas=settings.provided.quotas,
        database=database,
        cursor_codec=cursor_codec,
        clock=clock,
        handlers=providers.Callable(_job_handlers, __self__),
        memory=memory,
    )
    catalog = providers.Container(CatalogContainer, database=database, cursor_codec=cursor_codec, clock=clock)
    orders = providers.Container(
        OrdersContainer, database=database, cursor_codec=cursor_codec, clock=clock, catalog=catalog
    )
    bulk_updates = providers.Container(
        BulkUpdatesContainer, settings=settings, database=database, memory=memory, jobs=jobs, clock=clock
    )
    imports = providers.Container(
        ImportsContainer, settings=settings, database=database, memory=memory, jobs=jobs, clock=clock
    )
    reports = providers.Container(
        ReportsContainer, settings=settings, database=database, jobs=jobs, clock=clock
    )
    analytics = providers.Container(
        AnalyticsContainer, settings=settings, database=database, memory=memory, clock=clock
    )
    ml = providers.Container(
        MlContainer,
        settings=settings.provided.ml,
        database=database,
        jobs=jobs,
        cursor_codec=cursor_codec,
        clock=clock,
    )
    demo = providers.Container(
        DemoContainer, settings=settings, database=database, catalog=catalog, orders=orders
    )
    identity = providers.Container(
        IdentityContainer, settings=settings.provided.identity, database=database, clock=clock
    )


def build_container(settings: Settings | None = None) -> RootContainer:
    """A container for these settings (read from the environment when not given)."""
    return RootContainer(settings=settings or Settings())
