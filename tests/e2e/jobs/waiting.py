"""Waiting for a job over HTTP, with a deadline instead of a timing assertion."""

from __future__ import annotations

import time
from typing import Any

import httpx

TERMINAL = {"succeeded", "failed", "cancelled"}


def wait_for_end(client: httpx.Client, job_id: str, deadline_seconds: float = 120.0) -> dict[str, Any]:
    """The job as JSON once it has ended; AssertionError if it has not by the deadline."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        job: dict[str, Any] = client.get(f"/jobs/{job_id}").json()
        if job["status"] in TERMINAL:
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not end within {deadline_seconds} s")


def wait_for(client: httpx.Client, job_id: str, done_at_least: int, deadline_seconds: float = 120.0) -> None:
    """Returns once the job reported at least `done_at_least` units (a checkpoint was saved)."""
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        job = client.get(f"/jobs/{job_id}").json()
        if job["progress"]["done"] >= done_at_least or job["status"] in TERMINAL:
            return
        time.sleep(0.05)
    raise AssertionError(f"job {job_id} did not reach {done_at_least} within {deadline_seconds} s")
