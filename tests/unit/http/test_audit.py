"""Every request that may write leaves one `audit` line: who, which operation, which job; reads none."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from structlog.testing import capture_logs

from tests.support.access import api_key, bearer
from tests.support.jobs.jobs_app import JobsApp, job_settings, jobs_app

if TYPE_CHECKING:
    from collections.abc import Iterator, MutableMapping
    from pathlib import Path

REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-02"}


@pytest.fixture
def app(tmp_path: Path) -> Iterator[JobsApp]:
    with jobs_app(job_settings(tmp_path)) as app:
        yield app


def _audit_lines(logs: list[MutableMapping[str, Any]]) -> list[MutableMapping[str, Any]]:
    return [line for line in logs if line["event"] == "audit"]


def test_a_submission_is_audited_once_with_its_owner_and_job(app: JobsApp) -> None:
    with capture_logs() as logs:
        submitted = app.client.post("/reports/generate", json=REPORT)

    assert submitted.status_code == 202
    [line] = _audit_lines(logs)
    assert line["owner"] == "anonymous"
    assert line["credential"] == "anonymous"
    assert (line["method"], line["route"], line["action"]) == ("POST", "/reports/generate", "generate_report")
    assert line["status"] == 202
    assert line["job_id"] == submitted.json()["id"]
    assert line["resource"] == submitted.headers["location"]


def test_a_write_with_an_api_key_names_the_key(app: JobsApp) -> None:
    key = api_key(app.container.database.engine(), "etl")
    with capture_logs() as logs:
        submitted = app.client.post("/reports/generate", json=REPORT, headers=bearer(key))

    [line] = _audit_lines(logs)
    assert (line["owner"], line["credential"]) == ("etl", "api-key")
    assert line["credential_id"] == key.split("_")[1]
    assert line["job_id"] == submitted.json()["id"]


def test_a_write_with_a_refused_credential_is_audited_without_an_owner(app: JobsApp) -> None:
    with capture_logs() as logs:
        refused = app.client.post("/reports/generate", json=REPORT, headers=bearer("stk_0_nothing"))

    assert refused.status_code == 401
    [line] = _audit_lines(logs)
    assert (line["owner"], line["credential"], line["status"], line["job_id"]) == (None, "none", 401, None)


def test_a_cancel_is_audited_with_the_job_of_its_path(app: JobsApp) -> None:
    job = app.jobs.create()
    with capture_logs() as logs:
        cancelled = app.client.post(f"/jobs/{job.id}/cancel")

    assert cancelled.status_code == 202
    [line] = _audit_lines(logs)
    assert (line["route"], line["job_id"], line["status"]) == ("/jobs/{job_id}/cancel", job.id, 202)


def test_a_refused_write_is_audited_with_its_status(app: JobsApp) -> None:
    with capture_logs() as logs:
        missing = app.client.post("/jobs/00000000-0000-4000-8000-000000000000/cancel")

    [line] = _audit_lines(logs)
    assert (line["status"], line["job_id"]) == (missing.status_code, "00000000-0000-4000-8000-000000000000")


def test_reads_and_unknown_routes_are_not_audited(app: JobsApp) -> None:
    job = app.jobs.create()
    with capture_logs() as logs:
        app.client.get(f"/jobs/{job.id}")
        app.client.get("/jobs")
        app.client.post("/no-such-route")

    assert _audit_lines(logs) == []
