"""Use case: the finished file of a report job, for a download."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.jobs.get_job import GetJob, GetJobCommand
from spacetime_service.application.reports.handler import REPORT_KIND
from spacetime_service.domain.errors import Conflict, NotFound
from spacetime_service.domain.jobs.status import JobStatus

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.application.ports.artifact_storage import ArtifactInfo, ArtifactStorage
    from spacetime_service.domain.jobs.job import Job


@dataclass(frozen=True, slots=True)
class LocateReportCommand:
    job_id: str
    owner: str | None = None


@dataclass(frozen=True, slots=True)
class ReportFile:
    path: Path
    info: ArtifactInfo


class LocateReport:
    """A report is found by its job's id only; the file is the artifact the job published as its
    result, never a path the client names. A job that is not the owner's, or not a report, is
    NotFound; a report that has not succeeded (yet) is a Conflict; a succeeded report whose artifact
    is gone (expired) is NotFound."""

    def __init__(self, repository_reader: GetJob, storage: ArtifactStorage) -> None:
        self._get_job = repository_reader
        self._storage = storage

    def execute(self, command: LocateReportCommand) -> ReportFile:
        job = self.report_job(command)
        if job.status is not JobStatus.SUCCEEDED or job.result_ref is None:
            raise Conflict(f"report {job.id} is {job.status}; it can be downloaded once it succeeded")
        info = self._storage.info(job.result_ref)
        if info is None:
            raise NotFound(f"the file of report {job.id} no longer exists")
        return ReportFile(self._storage.path_for_download(job.result_ref), info)

    def report_job(self, command: LocateReportCommand) -> Job:
        """The owner's report job with this id, whatever its status."""
        job = self._get_job.execute(GetJobCommand(command.job_id, command.owner))
        if job.kind != REPORT_KIND:
            raise NotFound(f"no report with id {command.job_id}")
        return job
