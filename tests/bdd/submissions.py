"""Submitting report and bulk update jobs through a process's use cases, and the jobs a scenario
submitted, in order: the last one is "the job" of its steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacetime_service.application.bulk_updates.bulk_update_products import BulkUpdateProductsCommand
from spacetime_service.application.jobs.submit_job import SubmitJobResult
from spacetime_service.application.reports.generate_report import GenerateReportCommand
from spacetime_service.application.reports.request import ReportRequest

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from spacetime_service.domain.bulk_updates import BulkUpdate
    from spacetime_service.domain.jobs.json_value import JsonObject
    from tests.bdd.refusal import Refusal

# The owner of the jobs that a step submits without naming one.
OWNER = "bdd"


@dataclass
class Submissions:
    accepted: list[SubmitJobResult] = field(default_factory=list)

    @property
    def job_id(self) -> str:
        assert self.accepted, "no job was submitted"
        return self.accepted[-1].job.id


def submit_report(
    container: RootContainer,
    submissions: Submissions,
    refusal: Refusal,
    request: JsonObject,
    *,
    owner: str = OWNER,
    key: str | None = None,
) -> None:
    with refusal.recorded():
        command = GenerateReportCommand(owner, ReportRequest.from_json(request), key)
        submissions.accepted.append(container.reports.generate_report().execute(command))


def submit_bulk_update(
    container: RootContainer,
    submissions: Submissions,
    refusal: Refusal,
    update: BulkUpdate,
    *,
    key: str | None = None,
) -> None:
    with refusal.recorded():
        command = BulkUpdateProductsCommand(OWNER, update, idempotency_key=key)
        result = container.bulk_updates.bulk_update_products().execute(command)
        assert result.job is not None
        submissions.accepted.append(SubmitJobResult(result.job, result.created))
