"""Job events: snapshots whose id is the record's version, replayed from Last-Event-ID."""

from __future__ import annotations

import pytest

from spacetime_service.application.jobs.events import JobEventFeed, parse_last_event_id
from spacetime_service.application.jobs.presenter import job_view
from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.jobs.progress import Progress
from tests.support.jobs.engine import Engine


def test_a_new_reader_gets_the_current_state_and_then_only_changes() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", {"n": 3})
    feed = JobEventFeed(engine.repository)

    first = feed.next_event(job.id, None)
    assert first is not None
    assert (first.id, first.name) == (1, "progress")
    assert feed.next_event(job.id, first.id) is None

    engine.claim("w", job.id)
    engine.repository.heartbeat(job.id, 1, engine.clock.now(), 60)
    claimed = feed.next_event(job.id, first.id)
    assert claimed is not None
    assert claimed.id == 2
    assert feed.next_event(job.id, 2) is None  # a heartbeat is not an event


def test_a_reconnecting_reader_gets_the_latest_state_at_once() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", {"n": 3})
    engine.claim("w", job.id)
    for done in (1, 2):
        engine.repository.record_progress(
            job.id, 1, Progress(done, 3), eta_seconds=None, checkpoint=None, now=engine.clock.now()
        )
    engine.repository.finish(job.id, 1, JobOutcome.succeeded("artifact-9"), engine.clock.now())

    replay = JobEventFeed(engine.repository).next_event(job.id, 2)

    assert replay is not None
    assert (replay.id, replay.name, replay.job.result_ref) == (5, "end", "artifact-9")
    wire = job_view(replay.job)
    assert (wire["status"], wire["version"], wire["result_ref"]) == ("succeeded", 5, "artifact-9")
    assert wire["progress"] == {"done": 2, "total": 3, "unit": "", "percent": 66.7}
    assert wire["finished_at"] == "2025-03-01T12:00:00Z"


def test_another_owners_job_has_no_events() -> None:
    engine = Engine()
    job = engine.submit("sum_of_squares", {"n": 3}, owner="alice")

    with pytest.raises(NotFound):
        JobEventFeed(engine.repository).next_event(job.id, None, owner="mallory")


@pytest.mark.parametrize(
    ("header", "expected"), [(None, None), ("7", 7), (" 12 ", 12), ("-1", None), ("x", None), ("٣", None)]
)
def test_last_event_id_is_read_as_a_version(header: str | None, expected: int | None) -> None:
    assert parse_last_event_id(header) == expected
