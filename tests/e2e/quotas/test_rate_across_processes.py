"""The submission rate is one count per owner across API processes that share a Redis: two real uvicorn
processes over one database take, between them, no more submissions per minute than one would."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING

import httpx
import pytest

from spacetime_service.adapters.sqlalchemy.migrations import upgrade_to_head
from tests.support.uvicorn_server import UvicornServer

if TYPE_CHECKING:
    from pathlib import Path

PER_MINUTE = 3
REPORT = {"kind": "daily_stats", "start_date": "2025-01-01", "end_date": "2025-01-02"}


def _submit(base_url: str) -> httpx.Response:
    return httpx.post(f"{base_url}/reports/generate", json=REPORT, timeout=30.0)


@pytest.mark.redis
def test_two_processes_on_one_redis_share_the_owners_rate(tmp_path: Path, redis_url: str) -> None:
    url = f"sqlite:///{tmp_path / 'service.db'}"
    upgrade_to_head(url)
    env = {
        "SPACETIME_CURSOR_SECRET": "e2e-quota-secret",
        "SPACETIME_JOB_SUBMISSIONS_PER_MINUTE": str(PER_MINUTE),
        "SPACETIME_MAX_ACTIVE_JOBS_PER_OWNER": "0",
        "SPACETIME_RATE_LIMIT_STORAGE_URL": redis_url,
        # The counts are kept per queue: a queue of its own keeps this run's apart from any other's.
        "SPACETIME_JOB_QUEUE": f"e2e-quotas-{uuid.uuid4().hex}",
    }
    first, second = UvicornServer(url, tmp_path, env), UvicornServer(url, tmp_path, env)
    try:
        # Started side by side: most of a start is the interpreter importing the app.
        with ThreadPoolExecutor(2) as starting:
            list(starting.map(UvicornServer.start, (first, second)))
        admitted = [_submit(first.base_url), _submit(second.base_url), _submit(first.base_url)]
        refused = [_submit(second.base_url), _submit(first.base_url)]
    finally:
        first.stop()
        second.stop()

    assert [response.status_code for response in admitted] == [202] * PER_MINUTE
    for response in refused:
        assert response.status_code == 429
        assert response.headers["content-type"] == "application/problem+json"
        assert 1 <= int(response.headers["retry-after"]) <= 60
