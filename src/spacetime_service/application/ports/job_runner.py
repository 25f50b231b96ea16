"""Port: what carries queued jobs to workers. State and checkpoints live in the job repository; the
runner is only transport, so it may deliver a job more than once (every claim is fenced)."""

from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class JobRunner(Protocol):
    def start(self) -> None:
        """Begins taking work: claims jobs left queued or with an expired lease, then new submissions."""

    def submit(self, job_id: str) -> None:
        """Asks for the queued job to be run; returns at once. Submitting twice is harmless."""

    def shutdown(self, timeout_seconds: float) -> None:
        """Stops claiming, asks running handlers to stop at their next chunk boundary (their jobs go
        back to queued, to be resumed from their checkpoint), and waits up to `timeout_seconds`."""
