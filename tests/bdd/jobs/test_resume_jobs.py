"""Steps of features/jobs/resume_jobs.feature: a report whose worker died, resumed by the next process
to the bytes of an uninterrupted run."""

from __future__ import annotations

import gzip
from typing import TYPE_CHECKING

from pytest_bdd import parsers, scenarios, then, when

from spacetime_service.application.reports.generate_report import GenerateReportCommand
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.domain.jobs.status import JobStatus
from tests.bdd.job_waits import job_of, wait_until_ended
from tests.bdd.jobs.crashes import crash_after_sync, die_in_worker
from tests.bdd.submissions import OWNER, Submissions

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from tests.bdd.jobs.restarts import Restarts
    from tests.bdd.service_processes import ServiceProcesses

scenarios("jobs/resume_jobs.feature")


@when(parsers.parse("a worker takes the job and dies right after writing chunk {chunk:d} of the report"))
def dies_writing(processes: ServiceProcesses, submissions: Submissions, chunk: int) -> None:
    die_in_worker(processes, submissions.job_id, crash_after_sync(chunk))


@then("the service resumed exactly that job")
def resumed_that_job(submissions: Submissions, restarts: Restarts) -> None:
    assert restarts.resumed == (submissions.job_id,)


@then("the report's file equals the file of an uninterrupted run")
def equals_an_uninterrupted_run(container: RootContainer, submissions: Submissions) -> None:
    resumed = job_of(container, submissions.job_id)
    request = ReportRequest.from_json(resumed.request)
    uninterrupted = container.reports.generate_report().execute(GenerateReportCommand(OWNER, request)).job
    finished = wait_until_ended(container, uninterrupted.id)
    assert (finished.status, finished.attempt) == (JobStatus.SUCCEEDED, 1)
    storage = container.reports.artifact_storage()
    with storage.open(resumed.id) as resumed_file, storage.open(uninterrupted.id) as whole_file:
        resumed_bytes, whole = resumed_file.read(), whole_file.read()
    text = gzip.decompress(whole) if request.gzip else whole
    assert len(text.splitlines()) > 60, "too short a report to have several chunks"
    assert resumed_bytes == whole


@then("no temporary file is left among the artifacts")
def no_partial_files(processes: ServiceProcesses) -> None:
    names = processes.artifact_names()
    assert [name for name in names if not name.endswith((".data", ".meta.json"))] == []
