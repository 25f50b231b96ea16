"""Reports through a real server: generated as a job (idempotently), watched as SSE, downloaded with
ranges and an ETag, and compared with the daily-stats export, which streams the same lines."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import httpx

from tests.support.job_waiting import wait_for_end
from tests.support.sse import events

if TYPE_CHECKING:
    from tests.e2e.jobs.conftest import JobServer

REPORT = {"kind": "daily_stats", "start_date": "2024-12-30", "end_date": "2025-01-09"}


def _client(server: JobServer, owner: str) -> httpx.Client:
    return httpx.Client(base_url=server.base_url, headers=server.as_owner(owner), timeout=30.0)


def test_a_report_is_generated_once_per_key_watched_and_downloaded(job_server: JobServer) -> None:
    with _client(job_server, "e2e-reporter") as client:
        submitted = client.post("/reports/generate", json=REPORT, headers={"Idempotency-Key": "report-1"})
        assert submitted.status_code == 202
        job_id = submitted.json()["id"]
        assert submitted.headers["location"] == f"/jobs/{job_id}"
        assert submitted.json()["kind"] == "report"

        repeated = client.post("/reports/generate", json=REPORT, headers={"Idempotency-Key": "report-1"})
        assert (repeated.status_code, repeated.json()["id"]) == (202, job_id)
        assert repeated.headers["idempotent-replayed"] == "true"

        other = {**REPORT, "end_date": "2025-01-08"}
        clash = client.post("/reports/generate", json=other, headers={"Idempotency-Key": "report-1"})
        assert clash.status_code == 409
        assert clash.headers["content-type"] == "application/problem+json"

        watched = {"Accept": "text/event-stream"}
        with client.stream("GET", f"/reports/{job_id}/progress", headers=watched) as stream:
            received = list(events(stream.iter_lines()))
        assert received[-1].event == "end"
        assert received[-1].json()["status"] == "succeeded"
        assert received[-1].json()["result_ref"] == job_id

        download = client.get(f"/reports/{job_id}/download")
        assert download.status_code == 200
        assert download.headers["etag"] == f'"{hashlib.sha256(download.content).hexdigest()}"'
        assert (
            download.headers["content-disposition"]
            == 'attachment; filename="daily_stats_2024-12-30_2025-01-09.csv"'
        )
        exported = client.get(
            "/reports/export/csv", params={"start_date": "2024-12-30", "end_date": "2025-01-09"}
        )
        assert exported.status_code == 200
        assert download.content == exported.content
        lines = download.text.splitlines()
        assert lines[0].startswith("date,")
        assert len(lines) == 1 + 11  # every day of the range, days without orders too

        etag = download.headers["etag"]
        part = client.get(f"/reports/{job_id}/download", headers={"Range": "bytes=0-9", "If-Range": etag})
        assert (part.status_code, part.content) == (206, download.content[:10])
        stale = client.get(f"/reports/{job_id}/download", headers={"Range": "bytes=0-9", "If-Range": '"old"'})
        assert (stale.status_code, stale.content) == (200, download.content)


def test_the_progress_of_a_report_is_its_job_as_json(job_server: JobServer) -> None:
    with _client(job_server, "e2e-progress") as client:
        job_id = client.post("/reports/generate", json=REPORT).json()["id"]
        wait_for_end(client, job_id)

        progress = client.get(f"/reports/{job_id}/progress").json()

    assert (progress["id"], progress["status"]) == (job_id, "succeeded")
    assert progress["progress"]["unit"] == "days"
    assert progress["progress"]["done"] == progress["progress"]["total"] == 11


def test_a_report_that_has_not_finished_cannot_be_downloaded(job_server: JobServer) -> None:
    # Leased by the test's own worker, so the server cannot take it and it stays running.
    job = job_server.running(owner="e2e-waiting", kind="report")

    with _client(job_server, "e2e-waiting") as client:
        response = client.get(f"/reports/{job.id}/download")

    assert response.status_code == 409
    assert response.headers["content-type"] == "application/problem+json"


def test_only_known_reports_of_the_owner_can_be_downloaded(job_server: JobServer) -> None:
    not_a_report = job_server.jobs.create(owner="e2e-owner")
    with _client(job_server, "e2e-owner") as client:
        assert client.get("/reports/00000000-0000-4000-8000-000000000000/download").status_code == 404
        assert client.get(f"/reports/{not_a_report.id}/download").status_code == 404
        assert client.get("/reports/..%2F..%2Fetc%2Fpasswd/download").status_code == 404
        job_id = client.post("/reports/generate", json=REPORT).json()["id"]
    with _client(job_server, "e2e-stranger") as stranger:
        assert stranger.get(f"/reports/{job_id}/download").status_code == 404


def test_an_invalid_report_request_is_refused(job_server: JobServer) -> None:
    with _client(job_server, "e2e-invalid") as client:
        backwards = client.post("/reports/generate", json={**REPORT, "start_date": "2025-02-01"})
        bad_key = client.post("/reports/generate", json=REPORT, headers={"Idempotency-Key": "has spaces"})

    assert backwards.status_code == 422
    assert bad_key.status_code == 422
    assert bad_key.json()["errors"][0]["in"] == "header"
