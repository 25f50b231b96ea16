"""Waiting for a job over HTTP, with a deadline instead of a timing assertion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tests.support.waiting import wait_until

if TYPE_CHECKING:
    import httpx

TERMINAL = {"succeeded", "failed", "cancelled"}


def wait_for_end(client: httpx.Client, job_id: str, deadline_seconds: float = 120.0) -> dict[str, Any]:
    """The job as JSON once it has ended; AssertionError if it has not by the deadline."""

    def ended() -> dict[str, Any] | None:
        job: dict[str, Any] = client.get(f"/jobs/{job_id}").json()
        return job if job["status"] in TERMINAL else None

    return wait_until(ended, f"the end of job {job_id}", seconds=deadline_seconds, every=0.2)


def wait_for(client: httpx.Client, job_id: str, done_at_least: int, deadline_seconds: float = 120.0) -> None:
    """Returns once the job reported at least `done_at_least` units (a checkpoint was saved), or ended."""

    def reached() -> bool | None:
        job = client.get(f"/jobs/{job_id}").json()
        return job["progress"]["done"] >= done_at_least or job["status"] in TERMINAL or None

    wait_until(reached, f"job {job_id} reaching {done_at_least}", seconds=deadline_seconds, every=0.05)
