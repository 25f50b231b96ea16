"""Steps of features/jobs: workers that die mid-way, the process that resumes their jobs, cancels, and
idempotent submissions, all through the service's own containers."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from spacetime_service.application.jobs.cancel_job import CancelJobCommand
from spacetime_service.application.jobs.resume_jobs import ResumeJobsCommand
from spacetime_service.application.reports.generate_report import GenerateReportCommand
from spacetime_service.application.reports.request import ReportRequest
from spacetime_service.domain.errors import DomainError
from spacetime_service.domain.jobs.status import JobStatus
from tests.bdd.catalog_world import World
from tests.bdd.job_steps import OWNER, JobScene, the_job
from tests.bdd.job_world import (
    HeldUnitsOfWork,
    artifact_names,
    crash_after_sync,
    crash_at_commit,
    die_in_worker,
    job_of,
    wait_for_end,
    wait_for_expired_lease,
)

scenarios("jobs")


@dataclass
class Restarts:
    """The jobs the last process resumed, and the unit-of-work gate that holds a running bulk update."""

    resumed: tuple[str, ...] = ()
    gate: HeldUnitsOfWork | None = field(default=None)


@pytest.fixture
def restarts() -> Restarts:
    return Restarts()


@given(parsers.parse("bulk updates change {rows:d} products per chunk"))
def chunks_of(world: World, jobs: JobScene, rows: int) -> None:
    jobs.processes.chunk_rows = rows
    first = world.container
    world.container = jobs.processes.new()  # nothing has run yet: the process starts with these chunks
    first.shutdown_resources()


@given("the service runs its jobs, holding a bulk update as its third chunk begins")
def runs_with_a_held_chunk(world: World, jobs: JobScene, restarts: Restarts) -> None:
    restarts.gate = HeldUnitsOfWork(world.container.reports.unit_of_work, hold_at=4)
    jobs.processes.bulk_updates_through(world.container, restarts.gate)
    world.container.init_resources()


@when(parsers.parse("a worker takes the job and dies as it commits chunk {chunk:d}"))
def dies_committing(jobs: JobScene, chunk: int) -> None:
    die_in_worker(jobs.processes, jobs.job_id, crash_at_commit(jobs.processes, chunk))


@when(parsers.parse("a worker takes the job and dies right after writing chunk {chunk:d} of the report"))
def dies_writing(jobs: JobScene, chunk: int) -> None:
    die_in_worker(jobs.processes, jobs.job_id, crash_after_sync(chunk))


@when("the service starts again once the lease has expired")
def starts_again(world: World, jobs: JobScene, restarts: Restarts) -> None:
    wait_for_expired_lease(world.container, jobs.job_id)
    world.container.shutdown_resources()
    world.container = jobs.processes.new()
    # As `spacetime jobs resume`: expired jobs are handed over explicitly, then the runner starts.
    restarts.resumed = world.container.jobs.resume_jobs().execute(ResumeJobsCommand()).job_ids
    world.container.init_resources()


def _cancel(world: World, jobs: JobScene) -> None:
    try:
        world.container.jobs.cancel_job().execute(CancelJobCommand(jobs.job_id, OWNER))
    except DomainError as error:
        world.error = error


@when("I cancel the job")
def cancel(world: World, jobs: JobScene) -> None:
    _cancel(world, jobs)


@when("I cancel the job while its third chunk is under way")
def cancel_while_held(world: World, jobs: JobScene, restarts: Restarts) -> None:
    assert restarts.gate is not None
    restarts.gate.wait_until_held()
    _cancel(world, jobs)
    assert the_job(world, jobs).status is JobStatus.CANCELLING
    restarts.gate.release.set()


@then("the service resumed exactly that job")
def resumed_that_job(jobs: JobScene, restarts: Restarts) -> None:
    assert restarts.resumed == (jobs.job_id,)


@then("the cancelled job never started")
def never_started(world: World, jobs: JobScene) -> None:
    job = job_of(world.container, jobs.submissions[0].job.id)
    assert (job.status, job.attempt, job.started_at) == (JobStatus.CANCELLED, 0, None)


@then("the report's file equals the file of an uninterrupted run")
def equals_an_uninterrupted_run(world: World, jobs: JobScene) -> None:
    resumed = the_job(world, jobs)
    request = ReportRequest.from_json(resumed.request)
    command = GenerateReportCommand(OWNER, request)
    uninterrupted = world.container.reports.generate_report().execute(command).job
    finished = wait_for_end(world.container, uninterrupted.id)
    assert (finished.status, finished.attempt) == (JobStatus.SUCCEEDED, 1)
    storage = world.container.reports.artifact_storage()
    with storage.open(resumed.id) as resumed_file, storage.open(uninterrupted.id) as whole_file:
        resumed_bytes, whole = resumed_file.read(), whole_file.read()
    text = gzip.decompress(whole) if request.gzip else whole
    assert len(text.splitlines()) > 60, "too short a report to have several chunks"
    assert resumed_bytes == whole


@then("no temporary file is left among the artifacts")
def no_partial_files(jobs: JobScene) -> None:
    assert [
        name for name in artifact_names(jobs.processes) if not name.endswith((".data", ".meta.json"))
    ] == []


@then("the artifacts hold one report")
def one_report(world: World, jobs: JobScene) -> None:
    assert artifact_names(jobs.processes) == [f"{jobs.job_id}.data", f"{jobs.job_id}.meta.json"]


@then("each submission made a job of its own")
def jobs_of_their_own(jobs: JobScene) -> None:
    assert [submission.created for submission in jobs.submissions] == [True, True]
    assert len({submission.job.id for submission in jobs.submissions}) == 2
