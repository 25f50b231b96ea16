"""GET /jobs, GET /jobs/{id}, POST /jobs/{id}/cancel and the finished end of GET /jobs/{id}/events,
in process over a real SQLite file. Live streams are exercised through a real server in tests/e2e/jobs."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.application.jobs.presenter import job_view
from tests.support.access import admit, bearer, principal, token_of
from tests.support.jobs.jobs_app import JobsApp, job_settings, jobs_app
from tests.support.sse import events, messages

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

ALICE = bearer(token_of("alice"))
MALLORY = bearer(token_of("mallory"))


@pytest.fixture
def app(tmp_path: Path) -> Iterator[JobsApp]:
    with jobs_app(job_settings(tmp_path)) as app:
        admit(app.container, principal("alice"), principal("mallory"))
        yield app


def test_a_job_shows_its_progress_eta_checkpoint_and_times(app: JobsApp) -> None:
    job = app.jobs.start(app.jobs.create(owner="alice"))
    job = app.jobs.progress(job, 250, 1000, checkpoint={"last_id": 250, "sum": 7}, eta=12.34)

    body = app.client.get(f"/jobs/{job.id}", headers=ALICE).json()

    assert body["id"] == job.id
    assert body["owner"] == "alice"
    assert body["status"] == "running"
    assert body["attempt"] == 1
    assert body["progress"] == {"done": 250, "total": 1000, "unit": "rows", "percent": 25.0}
    assert body["eta_seconds"] == 12.3
    assert body["checkpoint"] == {"last_id": 250, "last_day": None}
    assert body["started_at"].endswith("Z")
    assert body["finished_at"] is None
    assert body["version"] == job.version


def test_the_body_is_the_presenters_form_that_the_cli_prints_too(app: JobsApp) -> None:
    job = app.jobs.progress(app.jobs.start(app.jobs.create(owner="alice")), 2, 3, checkpoint={"last_id": 2})

    assert app.client.get(f"/jobs/{job.id}", headers=ALICE).json() == job_view(job)


def test_a_report_checkpoint_shows_its_last_day(app: JobsApp) -> None:
    job = app.jobs.start(app.jobs.create())
    job = app.jobs.progress(job, 7, 31, checkpoint={"last_day": "2025-01-07", "length": 512})

    assert app.client.get(f"/jobs/{job.id}").json()["checkpoint"] == {
        "last_id": None,
        "last_day": "2025-01-07",
    }


def test_a_job_without_a_checkpoint_or_total_says_so(app: JobsApp) -> None:
    job = app.jobs.create()

    body = app.client.get(f"/jobs/{job.id}").json()

    assert body["checkpoint"] is None
    assert body["progress"]["percent"] is None
    assert body["status"] == "queued"


def test_another_owners_job_is_not_found(app: JobsApp) -> None:
    job = app.jobs.create(owner="alice")

    response = app.client.get(f"/jobs/{job.id}", headers=MALLORY)

    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert app.client.post(f"/jobs/{job.id}/cancel", headers=MALLORY).status_code == 404
    assert app.client.get(f"/jobs/{job.id}/events", headers=MALLORY).status_code == 404
    assert app.client.get("/jobs", headers=MALLORY).json()["items"] == []


def test_without_a_credential_on_loopback_the_caller_is_the_machine_user_who_sees_every_job(
    app: JobsApp,
) -> None:
    anonymous = app.jobs.create(owner="anonymous")
    alices = app.jobs.create(owner="alice")

    listed = [job["id"] for job in app.client.get("/jobs").json()["items"]]

    assert listed == [alices.id, anonymous.id]
    assert app.client.get(f"/jobs/{alices.id}").status_code == 200


def test_jobs_are_listed_newest_first_in_pages_that_follow_the_cursor(app: JobsApp) -> None:
    created = [app.jobs.create(owner="alice").id for _ in range(5)]
    app.jobs.create(owner="bob")

    seen: list[str] = []
    cursor: str | None = None
    pages = 0
    while True:
        params: dict[str, str | int] = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = app.client.get("/jobs", params=params, headers=ALICE).json()
        seen += [job["id"] for job in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break

    assert seen == list(reversed(created))
    assert pages == 3


def test_job_pages_link_to_the_next_page_keeping_the_filters(app: JobsApp) -> None:
    for _ in range(3):
        app.jobs.create(owner="alice")
    seen: list[str] = []
    url: str | None = "/jobs?limit=2&status=queued"
    while url is not None:
        page = app.client.get(url, headers=ALICE).json()
        seen += [job["id"] for job in page["items"]]
        url = page["links"]["next"]
        if url is not None:
            assert url.startswith("/jobs?")
            assert "status=queued" in url
            assert "limit=2" in url
    assert len(seen) == len(set(seen)) == 3


def test_jobs_are_filtered_by_kind_and_by_repeated_status(app: JobsApp) -> None:
    queued = app.jobs.create(owner="alice")
    running = app.jobs.start(app.jobs.create(owner="alice"))
    done = app.jobs.succeed(app.jobs.start(app.jobs.create(owner="alice")))
    other_kind = app.jobs.create(owner="alice", kind="report")

    def listed(query: str) -> set[str]:
        return {job["id"] for job in app.client.get(f"/jobs?{query}", headers=ALICE).json()["items"]}

    assert listed("status=queued") == {queued.id, other_kind.id}
    assert listed("status=running&status=succeeded") == {running.id, done.id}
    assert listed("kind=report") == {other_kind.id}
    assert listed("kind=report&status=running") == set()


def test_an_unknown_status_or_a_forged_cursor_is_refused(app: JobsApp) -> None:
    assert app.client.get("/jobs?status=paused").status_code == 422
    response = app.client.get("/jobs?cursor=bm90LWEtY3Vyc29y")
    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "cursor"


def test_cancelling_a_queued_job_ends_it_at_once(app: JobsApp) -> None:
    job = app.jobs.create(owner="alice")

    response = app.client.post(f"/jobs/{job.id}/cancel", headers=ALICE)

    assert response.status_code == 202
    assert response.json()["status"] == "cancelled"
    assert response.json()["finished_at"] is not None


def test_cancelling_a_running_job_asks_it_to_stop(app: JobsApp) -> None:
    job = app.jobs.start(app.jobs.create())

    response = app.client.post(f"/jobs/{job.id}/cancel")

    assert response.status_code == 202
    assert response.json()["status"] == "cancelling"
    assert app.client.post(f"/jobs/{job.id}/cancel").json()["status"] == "cancelling"


def test_cancelling_a_finished_job_is_a_conflict(app: JobsApp) -> None:
    job = app.jobs.succeed(app.jobs.start(app.jobs.create()), "artifact-1")

    response = app.client.post(f"/jobs/{job.id}/cancel")

    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"
    assert "succeeded" in response.json()["detail"]


def test_cancelling_an_unknown_job_is_not_found(app: JobsApp) -> None:
    assert app.client.post("/jobs/00000000-0000-0000-0000-000000000000/cancel").status_code == 404


def test_the_events_of_a_finished_job_are_its_end_and_the_stream_closes(app: JobsApp) -> None:
    job = app.jobs.fail(app.jobs.start(app.jobs.create()), "the input was empty")

    with app.client.stream("GET", f"/jobs/{job.id}/events") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        assert response.headers["cache-control"] == "no-cache"
        assert response.headers["x-accel-buffering"] == "no"
        received = list(messages(response.iter_lines()))

    assert received[0].retry is not None
    assert received[0].retry > 0
    sent = [message for message in received if message.data_lines]
    assert [(message.event, message.id) for message in sent] == [("end", str(job.version))]
    assert sent[0].json()["status"] == "failed"
    assert sent[0].json()["error"] == "the input was empty"


def test_a_client_that_saw_the_end_is_told_to_stop_reconnecting(app: JobsApp) -> None:
    job = app.jobs.cancelled(app.jobs.start(app.jobs.create()))

    response = app.client.get(f"/jobs/{job.id}/events", headers={"Last-Event-ID": str(job.version)})

    assert response.status_code == 204


def test_a_client_that_missed_the_end_gets_it_on_reconnecting(app: JobsApp) -> None:
    job = app.jobs.start(app.jobs.create())
    seen = app.jobs.progress(job, 1, 2).version
    ended = app.jobs.succeed(job, "artifact-9")

    with app.client.stream("GET", f"/jobs/{job.id}/events", headers={"Last-Event-ID": str(seen)}) as response:
        sent = list(events(response.iter_lines()))

    assert [(message.event, message.id) for message in sent] == [("end", str(ended.version))]
    assert sent[0].json()["result_ref"] == "artifact-9"
