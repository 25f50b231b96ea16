"""Bulk updates through a real server: a dry run counts, a submission runs as a job (once per
idempotency key), and every targeted product changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import httpx

from tests.support.job_waiting import wait_for_end

if TYPE_CHECKING:
    from tests.e2e.jobs.conftest import JobServer

UPDATE = {"filter": {"min_id": 100, "max_id": 119}, "operation": {"type": "add_stock", "delta": 1000}}


def test_a_bulk_update_counts_runs_once_per_key_and_changes_every_target(job_server: JobServer) -> None:
    with httpx.Client(
        base_url=job_server.base_url, headers=job_server.as_owner("e2e-bulk"), timeout=30.0
    ) as client:
        before = {i: client.get(f"/products/{i}").json()["stock"] for i in range(99, 121)}

        dry = client.post("/products/bulk-update", params={"dry_run": "true"}, json=UPDATE)
        assert (dry.status_code, dry.json()) == (200, {"would_change": 20})

        key = {"Idempotency-Key": "bulk-1"}
        submitted = client.post("/products/bulk-update", json=UPDATE, headers=key)
        assert submitted.status_code == 202
        job_id = submitted.json()["id"]
        repeated = client.post("/products/bulk-update", json=UPDATE, headers=key)
        assert (repeated.status_code, repeated.json()["id"]) == (202, job_id)
        other = {**UPDATE, "operation": {"type": "add_stock", "delta": 5}}
        clash = client.post("/products/bulk-update", json=other, headers=key)
        assert clash.status_code == 409
        assert clash.headers["content-type"] == "application/problem+json"

        ended = wait_for_end(client, job_id)
        after = {i: client.get(f"/products/{i}").json()["stock"] for i in range(99, 121)}

    assert ended["status"] == "succeeded"
    assert ended["progress"]["done"] == 20
    assert after == {i: before[i] + (1000 if 100 <= i <= 119 else 0) for i in before}


def test_a_bulk_update_without_a_filter_condition_is_refused(job_server: JobServer) -> None:
    body = {"filter": {}, "operation": {"type": "set_price", "price": "1.00"}}

    response = httpx.post(f"{job_server.base_url}/products/bulk-update", json=body)

    assert response.status_code == 422
    assert response.json()["errors"][0]["name"] == "filter"
