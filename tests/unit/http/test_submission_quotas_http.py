"""The per-owner quotas over HTTP: a submission past the cap of unfinished jobs or past the rate is a 429
problem with Retry-After, and the repeat of an earlier submission's Idempotency-Key still gets its job."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import SecretStr

from spacetime_service.bootstrap.quota_settings import QuotaSettings
from tests.support.jobs.jobs_app import JobsApp, job_settings, jobs_app

if TYPE_CHECKING:
    from pathlib import Path

    import httpx

REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-02"}
PER_MINUTE = 3
MAX_UNFINISHED = 2


def _quotas(max_unfinished: int, per_minute: int) -> QuotaSettings:
    return QuotaSettings(
        max_active_jobs_per_owner=max_unfinished,
        job_submissions_per_minute=per_minute,
        rate_limit_storage_url=SecretStr("memory://"),
    )


def _submit(app: JobsApp, key: str | None = None) -> httpx.Response:
    headers = {} if key is None else {"Idempotency-Key": key}
    response: httpx.Response = app.client.post("/reports/generate", json=REPORT, headers=headers)
    return response


def _assert_quota_problem(refused: httpx.Response) -> None:
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.json()["type"].endswith("quota-exceeded")
    assert refused.json()["status"] == 429


def test_the_submission_past_the_rate_is_a_429_with_retry_after(tmp_path: Path) -> None:
    settings = job_settings(tmp_path)
    settings.quotas = _quotas(max_unfinished=0, per_minute=PER_MINUTE)
    with jobs_app(settings) as app:
        first = _submit(app, key="first")
        admitted = [first] + [_submit(app) for _ in range(PER_MINUTE - 1)]
        refused = _submit(app)
        repeated = _submit(app, key="first")

    assert [response.status_code for response in admitted] == [202] * PER_MINUTE
    _assert_quota_problem(refused)
    assert int(refused.headers["retry-after"]) <= 60
    assert (repeated.status_code, repeated.json()["id"]) == (202, first.json()["id"])
    assert repeated.headers["idempotent-replayed"] == "true"


def test_the_submission_past_the_cap_of_unfinished_jobs_is_a_429_with_retry_after(tmp_path: Path) -> None:
    settings = job_settings(tmp_path)
    settings.quotas = _quotas(max_unfinished=MAX_UNFINISHED, per_minute=0)
    with jobs_app(settings) as app:
        # Jobs of a kind no runner takes: they stay unfinished for as long as the test needs.
        for _ in range(MAX_UNFINISHED):
            app.jobs.create()
        refused = _submit(app)

    _assert_quota_problem(refused)
    assert str(MAX_UNFINISHED) in refused.json()["detail"]
