"""Port-like protocol for the code that does one kind of job."""

from __future__ import annotations

from typing import Protocol

from spacetime_service.application.jobs.context import JobContext


class JobHandler(Protocol):
    """Does the work of one job kind, in chunks, resuming from `context.checkpoint`.

    After each chunk it calls `context.report(done, total, unit, checkpoint)`, or, when the chunk's
    effects are in the database, saves the checkpoint in the chunk's own transaction and then calls
    `context.progress_only(done, total, unit)`. It lets `JobCancelled`, `JobSuspended` and `LeaseLost`
    propagate. It returns the result reference (an artifact or model id), or None. An exception ends the
    job failed: a DomainError's detail is shown to the client, any other exception only in the logs.
    """

    def run(self, context: JobContext) -> str | None: ...
