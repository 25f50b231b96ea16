"""Use case: produce a report over the order history as a downloadable artifact, through a job."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand, SubmitJobResult
from spacetime_service.application.reports.handler import REPORT_KIND

if TYPE_CHECKING:
    from spacetime_service.application.reports.request import ReportRequest


@dataclass(frozen=True, slots=True)
class GenerateReportCommand:
    owner: str
    request: ReportRequest
    idempotency_key: str | None = None


class GenerateReport:
    """Submits a `report` job for a valid request (a range of at most 3660 UTC days, start before
    end; see domain.reports for what each kind counts). The job writes the artifact whose id is the
    job's id, which is the job's `result_ref` once it succeeded; resumed after a crash, it produces
    the same bytes as an uninterrupted run. Idempotency keys behave as for every job."""

    def __init__(self, submit_job: SubmitJob) -> None:
        self._submit_job = submit_job

    def execute(self, command: GenerateReportCommand) -> SubmitJobResult:
        request = command.request.to_json()
        return self._submit_job.execute(
            SubmitJobCommand(REPORT_KIND, command.owner, request, command.idempotency_key)
        )
