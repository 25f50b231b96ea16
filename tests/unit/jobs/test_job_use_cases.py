"""SubmitJob, GetJob, CancelJob, ListJobs and ResumeJobs over fakes."""

from __future__ import annotations

import pytest

from spacetime_service.application.jobs.cancel_job import CancelJob, CancelJobCommand
from spacetime_service.application.jobs.get_job import GetJob, GetJobCommand
from spacetime_service.application.jobs.list_jobs import ListJobs, ListJobsCommand
from spacetime_service.application.jobs.resume_jobs import ResumeJobs, ResumeJobsCommand
from spacetime_service.application.jobs.submit_job import SubmitJob, SubmitJobCommand
from spacetime_service.application.pagination_cursor import CursorCodec
from spacetime_service.domain.errors import Conflict, InvalidInput, NotFound
from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.pagination import Position
from tests.support.jobs.engine import LEASE_SECONDS, Engine

REQUEST = {"n": 10, "chunk": 3}


def _submit(engine: Engine, command: SubmitJobCommand) -> tuple[str, bool]:
    use_case = SubmitJob(engine.repository, engine.runner, engine.clock, engine.ids, {"sum_of_squares"})
    result = use_case.execute(command)
    return result.job.id, result.created


def test_a_submitted_job_is_queued_durably_then_handed_to_the_runner() -> None:
    engine = Engine()

    job_id, created = _submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST))

    stored = engine.stored(job_id)
    assert created is True
    assert (stored.status, stored.owner, stored.request, stored.created_at) == (
        JobStatus.QUEUED,
        "alice",
        REQUEST,
        engine.clock.now(),
    )
    assert job_id == "00000000-0000-0000-0000-000000000001"
    assert engine.runner.submitted == [job_id]


def test_the_same_key_and_request_returns_the_first_job() -> None:
    engine = Engine()
    first, _ = _submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST, "key-1"))

    again, created = _submit(engine, SubmitJobCommand("sum_of_squares", "alice", dict(REQUEST), "key-1"))

    assert (again, created) == (first, False)


def test_the_same_key_with_another_request_is_a_conflict() -> None:
    engine = Engine()
    _submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST, "key-1"))

    with pytest.raises(Conflict):
        _submit(engine, SubmitJobCommand("sum_of_squares", "alice", {"n": 11, "chunk": 3}, "key-1"))


@pytest.mark.parametrize(
    "command",
    [
        SubmitJobCommand("rm_rf", "alice", REQUEST),
        SubmitJobCommand("sum_of_squares", "alice", {"blob": "x" * 70_000}),
        SubmitJobCommand("sum_of_squares", "alice", {"when": object()}),
        SubmitJobCommand("sum_of_squares", "alice", REQUEST, "bad key"),
    ],
)
def test_unknown_kinds_and_bad_requests_are_refused_before_anything_is_stored(
    command: SubmitJobCommand,
) -> None:
    engine = Engine()

    with pytest.raises(InvalidInput):
        _submit(engine, command)

    assert engine.runner.submitted == []


def test_another_owners_job_is_not_found() -> None:
    engine = Engine()
    job_id, _ = _submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST))

    assert GetJob(engine.repository).execute(GetJobCommand(job_id, "alice")).id == job_id
    with pytest.raises(NotFound):
        GetJob(engine.repository).execute(GetJobCommand(job_id, "mallory"))
    with pytest.raises(NotFound):
        CancelJob(engine.repository, engine.clock).execute(CancelJobCommand(job_id, "mallory"))


def test_a_cancelled_queued_job_is_never_claimed() -> None:
    engine = Engine()
    job_id, _ = _submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST))

    cancelled = CancelJob(engine.repository, engine.clock).execute(CancelJobCommand(job_id))

    assert cancelled.status is JobStatus.CANCELLED
    assert engine.repository.claim("w", engine.clock.now(), LEASE_SECONDS) is None


def test_cancelling_a_running_job_asks_it_to_stop_and_repeating_is_harmless() -> None:
    engine = Engine()
    job_id, _ = _submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST))
    engine.claim("w", job_id)
    cancel = CancelJob(engine.repository, engine.clock)

    first = cancel.execute(CancelJobCommand(job_id))
    again = cancel.execute(CancelJobCommand(job_id))

    assert first.status is JobStatus.CANCELLING
    assert again == first


def test_a_finished_job_cannot_be_cancelled() -> None:
    engine = Engine()
    job_id, _ = _submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST))
    engine.claim("w", job_id)
    engine.repository.finish(job_id, 1, JobOutcome.succeeded("artifact-1"), engine.clock.now())

    with pytest.raises(Conflict):
        CancelJob(engine.repository, engine.clock).execute(CancelJobCommand(job_id))


def test_jobs_are_listed_newest_first_through_signed_cursors() -> None:
    engine = Engine()
    ids = []
    for _ in range(5):
        ids.append(_submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST))[0])
        engine.clock.advance(1)
    _submit(engine, SubmitJobCommand("sum_of_squares", "bob", REQUEST))
    listing = ListJobs(engine.repository, CursorCodec(b"secret"))

    seen: list[str] = []
    cursor: str | None = None
    while True:
        page = listing.execute(ListJobsCommand(owner="alice", limit=2, cursor=cursor))
        seen += [job.id for job in page.items]
        if page.next_cursor is None:
            break
        cursor = page.next_cursor

    assert seen == list(reversed(ids))


def test_a_cursor_of_another_listing_is_refused() -> None:
    engine = Engine()
    codec = CursorCodec(b"secret")
    products_cursor = codec.encode(Position(sort_field="id", value=None, id=10))

    with pytest.raises(InvalidInput):
        ListJobs(engine.repository, codec).execute(ListJobsCommand(cursor=products_cursor))


def test_jobs_whose_lease_expired_are_handed_back_to_the_runner() -> None:
    engine = Engine()
    alive, _ = _submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST))
    dead, _ = _submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST))
    queued, _ = _submit(engine, SubmitJobCommand("sum_of_squares", "alice", REQUEST))
    engine.claim("dead-worker", dead)
    engine.clock.advance(LEASE_SECONDS - 1)
    engine.claim("live-worker", alive)
    engine.clock.advance(1)
    engine.runner.submitted.clear()

    result = ResumeJobs(engine.repository, engine.runner, engine.clock).execute(ResumeJobsCommand(limit=10))

    assert result.job_ids == (dead,)
    assert engine.runner.submitted == [dead]
    assert queued not in result.job_ids
