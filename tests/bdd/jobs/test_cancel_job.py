"""Steps of features/jobs/cancel_job.feature: queued, running, orphaned and finished jobs cancelled
through the service's own use case."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_bdd import given, parsers, scenarios, then, when

from spacetime_service.application.jobs.cancel_job import CancelJobCommand
from spacetime_service.domain.jobs.status import JobStatus
from tests.bdd.job_waits import job_of, wait_until_ended
from tests.bdd.jobs.held_chunk import HeldUnitsOfWork
from tests.bdd.submissions import OWNER, Submissions

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from tests.bdd.refusal import Refusal
    from tests.bdd.service_processes import ServiceProcesses

scenarios("jobs/cancel_job.feature")


@given(
    "the service runs its jobs, holding a bulk update as its third chunk begins", target_fixture="held_chunk"
)
def runs_with_a_held_chunk(processes: ServiceProcesses, container: RootContainer) -> HeldUnitsOfWork:
    held = HeldUnitsOfWork(container.bulk_updates.unit_of_work, hold_at=4)
    processes.bulk_updates_through(container, held)
    container.init_resources()
    return held


def _cancel(container: RootContainer, submissions: Submissions, refusal: Refusal) -> None:
    with refusal.recorded():
        container.jobs.cancel_job().execute(CancelJobCommand(submissions.job_id, OWNER))


@when("I cancel the job")
def cancel(container: RootContainer, submissions: Submissions, refusal: Refusal) -> None:
    _cancel(container, submissions, refusal)


@when("I cancel the job while its third chunk is under way")
def cancel_while_held(
    container: RootContainer, submissions: Submissions, refusal: Refusal, held_chunk: HeldUnitsOfWork
) -> None:
    held_chunk.wait_until_held()
    _cancel(container, submissions, refusal)
    assert job_of(container, submissions.job_id).status is JobStatus.CANCELLING
    held_chunk.release.set()


@then(parsers.parse('the job ends "{status}"'))
def job_ends(container: RootContainer, submissions: Submissions, status: str) -> None:
    assert wait_until_ended(container, submissions.job_id).status is JobStatus(status)


@then("the cancelled job never started")
def never_started(container: RootContainer, submissions: Submissions) -> None:
    job = job_of(container, submissions.accepted[0].job.id)
    assert (job.status, job.attempt, job.started_at) == (JobStatus.CANCELLED, 0, None)
