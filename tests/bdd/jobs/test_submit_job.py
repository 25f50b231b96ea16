"""Steps of features/jobs/submit_job.feature: report submissions repeated with an idempotency key."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pytest_bdd import parsers, scenarios, then, when

from tests.bdd.submissions import Submissions, submit_report

if TYPE_CHECKING:
    from spacetime_service.bootstrap.containers.root import RootContainer
    from spacetime_service.domain.jobs.json_value import JsonObject
    from tests.bdd.refusal import Refusal
    from tests.bdd.service_processes import ServiceProcesses

scenarios("jobs/submit_job.feature")


@when(parsers.parse('"{owner}" submits a "{kind}" report from "{first}" to "{last}" with the key "{key}"'))
def submit_a_keyed_report(
    container: RootContainer,
    submissions: Submissions,
    refusal: Refusal,
    owner: str,
    kind: str,
    first: str,
    last: str,
    key: str,
) -> None:
    request: JsonObject = {"kind": kind, "start_date": first, "end_date": last}
    submit_report(container, submissions, refusal, request, owner=owner, key=key)


@then("the artifacts hold one report")
def one_report(processes: ServiceProcesses, submissions: Submissions) -> None:
    job_id = submissions.job_id
    assert processes.artifact_names() == [f"{job_id}.data", f"{job_id}.meta.json"]


@then("each submission made a job of its own")
def jobs_of_their_own(submissions: Submissions) -> None:
    assert [submission.created for submission in submissions.accepted] == [True, True]
    assert len({submission.job.id for submission in submissions.accepted}) == 2
