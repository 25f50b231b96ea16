"""GET /jobs, GET /jobs/{id} and POST /jobs/{id}/cancel through a real server."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from tests.e2e.jobs.conftest import JobServer


def test_an_owner_lists_gets_and_cancels_its_jobs(job_server: JobServer) -> None:
    jobs = job_server.jobs
    owner = job_server.as_owner("e2e-lister")
    queued = jobs.create(owner="e2e-lister")
    running = jobs.progress(jobs.start(jobs.create(owner="e2e-lister")), 5, 10, checkpoint={"last_id": 5})
    jobs.create(owner="someone-else")

    with httpx.Client(base_url=job_server.base_url, headers=owner, timeout=10.0) as client:
        listed = client.get("/jobs", params={"limit": 10}).json()
        assert [job["id"] for job in listed["items"]] == [running.id, queued.id]

        shown = client.get(f"/jobs/{running.id}").json()
        assert shown["progress"]["percent"] == 50.0
        assert shown["checkpoint"]["last_id"] == 5

        assert client.post(f"/jobs/{queued.id}/cancel").json()["status"] == "cancelled"
        assert client.post(f"/jobs/{running.id}/cancel").json()["status"] == "cancelling"
        statuses = {job["status"] for job in client.get("/jobs").json()["items"]}
        assert statuses == {"cancelled", "cancelling"}


def test_another_owner_cannot_see_or_cancel_a_job(job_server: JobServer) -> None:
    job = job_server.jobs.create(owner="e2e-private")

    with httpx.Client(base_url=job_server.base_url, headers=job_server.as_owner("e2e-intruder")) as client:
        assert client.get(f"/jobs/{job.id}").status_code == 404
        assert client.post(f"/jobs/{job.id}/cancel").status_code == 404
