"""Reports over the order history and bulk updates of products: their job handlers, which the jobs
container runs (`job_handlers`, merged into its `handlers`), and their use cases."""

from __future__ import annotations

from dependency_injector import containers, providers

from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage
from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.application.bulk_updates.bulk_update_products import BulkUpdateProducts
from spacetime_service.application.bulk_updates.handler import (
    BULK_UPDATE_KIND,
    BulkUpdateHandler,
)
from spacetime_service.application.jobs.get_job import GetJob
from spacetime_service.application.reports.export_daily_stats import ExportDailyStats
from spacetime_service.application.reports.generate_report import GenerateReport
from spacetime_service.application.reports.handler import REPORT_KIND, ReportHandler
from spacetime_service.application.reports.locate_report import LocateReport
from spacetime_service.bootstrap.settings import Settings


class ReportsContainer(containers.DeclarativeContainer):
    """`database` is the DatabaseContainer, `memory` the MemoryContainer (chunk sizes of bulk updates),
    `jobs` the JobsContainer (submissions and job records)."""

    settings = providers.Dependency(instance_of=Settings)
    database = providers.DependenciesContainer()
    memory = providers.DependenciesContainer()
    jobs = providers.DependenciesContainer()

    clock = providers.Singleton(SystemClock)
    unit_of_work = providers.Factory(
        SqlAlchemyBatchUnitOfWork, engine=database.engine, fetch_rows=settings.provided.database.fetch_rows
    )
    artifact_storage = providers.Singleton(
        FilesystemArtifactStorage, settings.provided.storage.artifact_storage
    )

    report_handler = providers.Singleton(ReportHandler, unit_of_work.provider, artifact_storage, clock)
    bulk_update_handler = providers.Singleton(
        BulkUpdateHandler, unit_of_work.provider, memory.chunk_sizer, clock
    )
    job_handlers = providers.Dict({REPORT_KIND: report_handler, BULK_UPDATE_KIND: bulk_update_handler})

    generate_report = providers.Factory(GenerateReport, jobs.submit_job)
    locate_report = providers.Factory(
        LocateReport, providers.Factory(GetJob, jobs.repository), artifact_storage
    )
    export_daily_stats = providers.Factory(ExportDailyStats, unit_of_work.provider)
    bulk_update_products = providers.Factory(
        BulkUpdateProducts, unit_of_work.provider, jobs.submit_job, jobs.repository
    )
