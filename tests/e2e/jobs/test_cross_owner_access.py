"""What an owner makes is its own, through a real server with real API keys: every owner-scoped path
answers another owner 404, exactly as for a missing id, and its owner 200; an admin key sees and
cancels every owner's jobs."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx
import pytest

from spacetime_service.adapters.sqlalchemy.model_registry.registry import SqlAlchemyModelRegistry
from spacetime_service.domain.identity import Scope
from spacetime_service.domain.ml.model_version import ModelVersion
from spacetime_service.domain.ml.specs import ModelSpec, TrainingRequest
from tests.support.access import api_key, bearer
from tests.support.job_waiting import wait_for_end

if TYPE_CHECKING:
    from tests.e2e.jobs.conftest import JobServer

OWNER, STRANGER = "e2e-alice", "e2e-bob"
REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-03"}
CSV = b"sku,name,description,category,price,stock\nX-OWNED-1,Owned,,toys,1.00,1\n"


@pytest.fixture(scope="module")
def owned(job_server: JobServer) -> dict[str, str]:
    """Ids of things `OWNER` made: a finished report, an import, a job still running, a model."""
    with httpx.Client(base_url=job_server.base_url, headers=job_server.as_owner(OWNER), timeout=30) as client:
        report = client.post("/reports/generate", json=REPORT, headers={"Idempotency-Key": "owned-1"})
        imported = client.post("/products/import", content=CSV, headers={"Content-Type": "text/csv"})
        assert wait_for_end(client, report.json()["id"])["status"] == "succeeded"
        assert wait_for_end(client, imported.json()["id"])["status"] == "succeeded"
    running = job_server.running(owner=OWNER, kind="report")
    model = ModelVersion(
        "owned-model", TrainingRequest(ModelSpec("order_returned")), None, datetime.now(UTC), OWNER
    )
    SqlAlchemyModelRegistry(job_server.engine).register(model)
    return {
        "report": report.json()["id"],
        "import": imported.json()["id"],
        "running": running.id,
        "model": model.id,
    }


def _paths(ids: dict[str, str]) -> list[tuple[str, str]]:
    return [
        ("GET", f"/jobs/{ids['report']}"),
        ("GET", f"/jobs/{ids['import']}"),
        ("GET", f"/jobs/{ids['report']}/events"),
        ("GET", f"/reports/{ids['report']}/progress"),
        ("GET", f"/reports/{ids['report']}/download"),
        ("HEAD", f"/reports/{ids['report']}/download"),
        ("GET", f"/ml/models/{ids['model']}"),
        ("GET", f"/ml/models/{ids['model']}/status"),
    ]


def test_another_owner_gets_404_exactly_as_for_a_missing_id(
    job_server: JobServer, owned: dict[str, str]
) -> None:
    missing = dict.fromkeys(owned, "no-such-id")
    with httpx.Client(
        base_url=job_server.base_url, headers=job_server.as_owner(STRANGER), timeout=30
    ) as client:
        theirs = [(method, path, client.request(method, path)) for method, path in _paths(owned)]
        absent = [client.request(method, path) for method, path in _paths(missing)]
        cancel = client.post(f"/jobs/{owned['running']}/cancel")
        listed = client.get("/jobs").json()["items"] + client.get("/ml/models").json()["items"]

    assert [(method, path, response.status_code) for method, path, response in theirs] == [
        (method, path, 404) for method, path in _paths(owned)
    ]
    for (_, _, response), like in zip(theirs, absent, strict=True):
        body = response.content.replace(
            next(i for i in owned.values() if i in response.url.path).encode(), b""
        )
        assert body == like.content.replace(b"no-such-id", b""), response.url
    assert cancel.status_code == 404
    assert listed == []


def test_the_owner_gets_each_of_them(job_server: JobServer, owned: dict[str, str]) -> None:
    with httpx.Client(base_url=job_server.base_url, headers=job_server.as_owner(OWNER), timeout=30) as client:
        answers = [(method, path, client.request(method, path).status_code) for method, path in _paths(owned)]
        listed_jobs = {job["id"] for job in client.get("/jobs").json()["items"]}
        listed_models = [model["id"] for model in client.get("/ml/models").json()["items"]]
        cancel = client.post(f"/jobs/{owned['running']}/cancel")

    assert answers == [(method, path, 200) for method, path in _paths(owned)]
    assert {owned["report"], owned["import"], owned["running"]} <= listed_jobs
    assert listed_models == [owned["model"]]
    assert cancel.status_code == 202


def test_an_idempotency_key_is_the_owners_own(job_server: JobServer, owned: dict[str, str]) -> None:
    with httpx.Client(
        base_url=job_server.base_url, headers=job_server.as_owner(STRANGER), timeout=30
    ) as client:
        again = client.post("/reports/generate", json=REPORT, headers={"Idempotency-Key": "owned-1"})

    assert again.status_code == 202
    assert again.json()["id"] != owned["report"]
    assert again.json()["owner"] == STRANGER


def test_an_admin_sees_and_cancels_every_owners_jobs(job_server: JobServer, owned: dict[str, str]) -> None:
    stranger_job = job_server.running(owner=STRANGER, kind="report")
    admin = bearer(api_key(job_server.engine, "e2e-root", {Scope.ADMIN}))
    with httpx.Client(base_url=job_server.base_url, headers=admin, timeout=30) as client:
        listed = {job["id"] for job in client.get("/jobs", params={"limit": 1000}).json()["items"]}
        seen = client.get(f"/jobs/{owned['report']}")
        cancelled = client.post(f"/jobs/{stranger_job.id}/cancel")

    assert {owned["report"], owned["import"], stranger_job.id} <= listed
    assert seen.json()["owner"] == OWNER
    assert cancelled.status_code == 202
