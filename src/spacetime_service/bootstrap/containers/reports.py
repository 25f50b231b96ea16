"""Reports over the order history: the `report` job handler, which the jobs container runs
(`job_handlers`, merged into its `handlers`), the artifact store of finished files, and the use cases
that generate, locate and stream them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import containers, providers

from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage
from spacetime_service.adapters.sqlalchemy.batch_unit_of_work import SqlAlchemyBatchUnitOfWork
from spacetime_service.application.jobs.get_job import GetJob
from spacetime_service.application.reports.export_daily_stats import ExportDailyStats
from spacetime_service.application.reports.generate_report import GenerateReport
from spacetime_service.application.reports.handler import REPORT_KIND, ReportHandler
from spacetime_service.application.reports.locate_report import LocateReport
from spacetime_service.bootstrap.settings import Settings

if TYPE_CHECKING:
    from spacetime_service.application.ports.clock import Clock


class ReportsContainer(containers.DeclarativeContainer):
    """`database` is the DatabaseContainer, `jobs` the JobsContainer (submissions and job records);
    `clock` is the root's."""

    settings = providers.Dependency(instance_of=Settings)
    database = providers.DependenciesContainer()
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
    artifact_storage = providers.Singleton(
        FilesystemArtifactStorage, settings.provided.storage.artifact_storage
    )

    report_handler = providers.Singleton(ReportHandler, job_unit_of_work.provider, artifact_storage, clock)
    job_handlers = providers.Dict({REPORT_KIND: report_handler})

    generate_report = providers.Factory(GenerateReport, jobs.submit_job)
    locate_report = providers.Factory(
        LocateReport, providers.Factory(GetJob, jobs.repository), artifact_storage
    )
    export_daily_stats = providers.Factory(ExportDailyStats, unit_of_work.provider)
