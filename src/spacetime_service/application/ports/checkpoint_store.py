"""Port: the last checkpoint of each job, which a resumed attempt starts from.

A checkpoint is a JSON object (never a pickle) saved after a chunk's effects. Saves are fenced by the
attempt: a save or delete whose attempt is older than the newest attempt the store knows for the job
raises `LeaseLost`, so the caller's transaction rolls back with it. A database adapter writes the
checkpoint in the same transaction as the chunk's effects (and knows the attempt from the job record);
a file adapter writes a temporary file, fsyncs and renames it, and knows the attempts it has saved.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from spacetime_service.domain.jobs.json_value import JsonObject


@runtime_checkable
class CheckpointStore(Protocol):
    def save(self, job_id: str, attempt: int, checkpoint: JsonObject) -> None:
        """Replaces the job's checkpoint; `LeaseLost` when a newer attempt is known for the job."""

    def load(self, job_id: str) -> JsonObject | None:
        """The last saved checkpoint (equal to what was saved), or None when there is none."""

    def delete(self, job_id: str, attempt: int) -> None:
        """Forgets the checkpoint (no error when there is none); `LeaseLost` as for save."""
