"""Port-like protocol for the code that does one kind of job."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from spacetime_service.application.jobs.context import JobContext


class JobHandler(Protocol):
    """Does the work of one job kind, in chunks, resuming from `context.checkpoint` (the job record's).

    There is one protocol. Each chunk ends with one call that commits the chunk's effects with the job
    record's checkpoint, progress and ETA: `context.commit(uow, done, total, unit, checkpoint)` inside
    the `with` block of the unit of work that holds the chunk's database effects, or
    `context.report(done, total, unit, checkpoint)` when the effects are files or a model store (made
    durable first). Put into the checkpoint everything needed to continue after that chunk.

    It lets `JobCancelled`, `JobSuspended` and `LeaseLost` propagate. It returns the result reference
    (an artifact or model id), or None. An exception ends the job failed: a DomainError's detail is
    shown to the client, any other exception only in the logs.
    """

    def run(self, context: JobContext) -> str | None: ...
