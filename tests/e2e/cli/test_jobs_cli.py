"""`spacetime jobs ...` over a real SQLite file, with the engine's test handler registered."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest
from dependency_injector import providers
from typer.testing import CliRunner

from spacetime_service.application.jobs.presenter import job_view
from spacetime_service.bootstrap.containers.root import RootContainer, build_container
from spacetime_service.bootstrap.job_settings import JobSettings
from spacetime_service.domain.jobs.job import NewJob
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.entrypoints.cli.jobs import jobs_app
from tests.support.jobs.handlers import SumOfSquaresHandler, expected_sum
from tests.support.jobs.job_records import JobDriver
from tests.support.jobs.jobs_app import job_settings

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.json_value import JsonObject


@pytest.fixture
def container(tmp_path: Path) -> RootContainer:
    settings = job_settings(tmp_path)
    settings.jobs = JobSettings(worker_id="cli-test", poll_seconds=0.05, heartbeat_seconds=1, lease_seconds=5)
    container = build_container(settings)
    container.jobs.handlers.override(providers.Dict({SumOfSquaresHandler.kind: SumOfSquaresHandler()}))
    return container


def _driver(container: RootContainer) -> JobDriver:
    return JobDriver(container.jobs.repository())


def _run(container: RootContainer, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(jobs_app, list(args), obj=container)
    return result.exit_code, result.stdout, result.stderr


def test_list_prints_a_line_per_job_newest_first_and_the_next_cursor(container: RootContainer) -> None:
    jobs = _driver(container)
    first, second, third = (jobs.create(owner=owner) for owner in ("alice", "bob", "alice"))

    code, out, err = _run(container, "list", "--limit", "2")

    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == [third.id, second.id]
    assert "--cursor" in err
    cursor = err.split("--cursor ")[1].strip()
    code, out, _ = _run(container, "list", "--limit", "2", "--cursor", cursor)
    assert [line.split()[0] for line in out.splitlines()] == [first.id]


def test_list_narrows_by_owner_and_status_and_prints_json(container: RootContainer) -> None:
    jobs = _driver(container)
    jobs.create(owner="alice")
    running = jobs.start(jobs.create(owner="alice"))
    jobs.start(jobs.create(owner="bob"))

    code, out, _ = _run(container, "list", "--owner", "alice", "--status", "running", "--json")

    assert code == 0
    documents = [json.loads(line) for line in out.splitlines()]
    assert [(doc["id"], doc["owner"], doc["status"]) for doc in documents] == [
        (running.id, "alice", "running")
    ]


def test_show_prints_the_job_as_http_shows_it_with_its_resume_point(container: RootContainer) -> None:
    jobs = _driver(container)
    job = jobs.progress(jobs.start(jobs.create()), 3, 9, checkpoint={"last_id": 3})

    code, out, _ = _run(container, "show", job.id)

    assert code == 0
    document = json.loads(out)
    assert document == job_view(job)
    assert document["owner"] == "anonymous"
    assert document["checkpoint"] == {"last_id": 3, "last_day": None}


def test_show_of_an_unknown_job_exits_with_the_not_found_code(container: RootContainer) -> None:
    code, _, err = _run(container, "show", "no-such-job")

    assert code == 3
    assert "no job with id no-such-job" in err


def test_cancel_cancels_a_queued_job_and_refuses_a_finished_one(container: RootContainer) -> None:
    jobs = _driver(container)
    queued = jobs.create()
    finished = jobs.succeed(jobs.start(jobs.create()))

    code, out, _ = _run(container, "cancel", queued.id)
    assert code == 0
    assert " cancelled " in f" {out} "

    code, _, err = _run(container, "cancel", finished.id)
    assert code == 4
    assert "nothing to cancel" in err


def test_resume_runs_an_abandoned_job_from_its_checkpoint_and_a_queued_one(container: RootContainer) -> None:
    repository: JobRepository = container.jobs.repository()
    jobs = _driver(container)
    abandoned = repository.create(_sum_job(container, n=30)).job
    long_ago = datetime.now(UTC) - timedelta(minutes=10)
    claimed = repository.claim("a-dead-worker", long_ago, 60, job_id=abandoned.id)
    assert claimed is not None
    halfway: JsonObject = {"last_id": 12, "sum": sum(i * i for i in range(1, 13))}
    repository.record_progress(
        abandoned.id,
        claimed.attempt,
        Progress(12, 30, "rows"),
        eta_seconds=None,
        checkpoint=halfway,
        now=long_ago,
    )
    queued = repository.create(_sum_job(container, n=20)).job
    untouched = jobs.create()  # a kind this process has no handler for: neither run nor waited for

    code, out, err = _run(container, "resume", "--poll-seconds", "0.05")

    assert code == 0, err
    assert "resuming 2 job(s)" in err
    abandoned_after = repository.get(abandoned.id)
    queued_after = repository.get(queued.id)
    assert abandoned_after is not None
    assert queued_after is not None
    assert (abandoned_after.status, abandoned_after.result_ref) == (JobStatus.SUCCEEDED, expected_sum(30))
    assert abandoned_after.attempt == 2
    assert (queued_after.status, queued_after.result_ref) == (JobStatus.SUCCEEDED, expected_sum(20))
    untouched_after = repository.get(untouched.id)
    assert untouched_after is not None
    assert untouched_after.status is JobStatus.QUEUED
    lines = out.splitlines()
    assert any(abandoned.id in line and "succeeded" in line for line in lines)
    assert any(queued.id in line and "succeeded" in line for line in lines)


def test_resume_with_nothing_to_do_ends_at_once(container: RootContainer) -> None:
    code, out, err = _run(container, "resume")

    assert code == 0
    assert out == ""
    assert "resuming 0 job(s)" in err


def _sum_job(container: RootContainer, *, n: int) -> NewJob:
    import uuid

    return NewJob(
        str(uuid.uuid4()), SumOfSquaresHandler.kind, "ops", None, {"n": n, "chunk": 4}, datetime.now(UTC)
    )
