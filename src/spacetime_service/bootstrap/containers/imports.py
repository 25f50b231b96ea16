"""Product imports: the staging area of uploads, the `product_import` job handler (merged into the jobs
container's `handlers`) and the use case that checks an upload and submits its job."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage
from spacetime_service.adapters.filesystem.orphaned_partials import remove_orphaned_partials
from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.adapters.system.id_generator import UuidIdGenerator
from spacetime_service.application.imports.handler import (
    PRODUCT_IMPORT_KIND,
    ProductImportHandler,
)
from spacetime_service.application.imports.import_products import ImportProducts
from spacetime_service.bootstrap.settings import Settings

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock


class ImportsContainer(containers.DeclarativeContainer):
    """`database` is the DatabaseContainer, `memory` the MemoryContainer (chunk sizes, the external
    sorter that finds repeated skus), `jobs` the JobsContainer (submissions and job records); `clock`
    is the root's."""

    settings = providers.Dependency(instance_of=Settings)
    database = providers.DependenciesContainer()
    memory = providers.DependenciesContainer()
    jobs = providers.DependenciesContainer()
    clock: providers.Dependency[Clock] = providers.Dependency()

    ids = providers.Singleton(UuidIdGenerator)
    unit_of_work = providers.Factory(
        SqlAlchemyBatchUnitOfWork, engine=database.engine, fetch_rows=settings.provided.database.fetch_rows
    )
    # The job handler's units of work come from the job pool, which HTTP traffic never uses.
    job_unit_of_work = providers.Factory(
        SqlAlchemyBatchUnitOfWork,
        engine=database.job_engine,
        fetch_rows=settings.provided.database.fetch_rows,
    )
    staging = providers.Singleton(
        FilesystemArtifactStorage, settings.provided.imports.staging, owned_partials=True
    )
    # A Resource, so that the API's start-up (init_resources) removes the partial uploads of crashed
    # processes of this host; the Celery worker calls it at its own start.
    orphaned_upload_sweep = providers.Resource(remove_orphaned_partials, settings.provided.imports.staging)

    product_import_handler = providers.Singleton(
        ProductImportHandler,
        job_unit_of_work.provider,
        staging,
        memory.chunk_sizer,
        clock,
        min_chunk_rows=settings.provided.imports.min_chunk_rows,
    )
    job_handlers = providers.Dict({PRODUCT_IMPORT_KIND: product_import_handler})

    import_products = providers.Factory(
        ImportProducts,
        staging,
        memory.sorter,
        jobs.submit_job,
        jobs.repository,
        ids=ids,
        clock=clock,
        limits=settings.provided.imports.limits.call(),
        retention=settings.provided.imports.retention.call(),
    )
