"""Bulk updates of products: the `bulk_update` job handler, which the jobs container runs
(`job_handlers`, merged into its `handlers`), and the use case that submits one or counts a dry run."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.application.bulk_updates.bulk_update_products import BulkUpdateProducts
from spacetime_service.application.bulk_updates.handler import BULK_UPDATE_KIND, BulkUpdateHandler
from spacetime_service.bootstrap.settings import Settings

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock


class BulkUpdatesContainer(containers.DeclarativeContainer):
    """`database` is the DatabaseContainer, `memory` the MemoryContainer (chunk sizes), `jobs` the
    JobsContainer (submissions and job records); `clock` is the root's."""

    settings = providers.Dependency(instance_of=Settings)
    database = providers.DependenciesContainer()
    memory = providers.DependenciesContainer()
    jobs = providers.DependenciesContainer()
    clock: providers.Dependency[Clock] = providers.Dependency()

    unit_of_work = providers.Factory(
        SqlAlchemyBatchUnitOfWork, engine=database.engine, fetch_rows=settings.provided.database.fetch_rows
    )
    # The job handler's units of work come from the job pool, which HTTP traffic never uses.
    job_unit_of_work = providers.Factory(
        SqlAlchemyBatchUnitOfWork,
        engine=database.job_engine,
        fetch_rows=settings.provided.database.fetch_rows,
    )

    bulk_update_handler = providers.Singleton(
        BulkUpdateHandler, job_unit_of_work.provider, memory.chunk_sizer, clock
    )
    job_handlers = providers.Dict({BULK_UPDATE_KIND: bulk_update_handler})

    bulk_update_products = providers.Factory(
        BulkUpdateProducts, unit_of_work.provider, jobs.submit_job, jobs.repository
    )
