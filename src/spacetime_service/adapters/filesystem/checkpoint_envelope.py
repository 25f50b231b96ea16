"""A checkpoint file's content: the checkpoint with the job id, the attempt that wrote it and a
SHA-256 over all three. A file that does not parse, or whose digest does not match (torn, truncated
or damaged), is no generation at all and is never loaded."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.json_value import (
    JsonObject,
    JsonValue,
    canonical_json,
    require_json_object,
)


@dataclass(frozen=True, slots=True)
class Generation:
    """One saved state: `checkpoint` None is a deletion, which still remembers its attempt."""

    attempt: int
    checkpoint: JsonObject | None


def encode(job_id: str, generation: Generation) -> bytes:
    body: dict[str, JsonValue] = {
        "job_id": job_id,
        "attempt": generation.attempt,
        "checkpoint": generation.checkpoint,
    }
    return canonical_json({**body, "sha256": _digest(body)})


def decode(job_id: str, data: bytes) -> Generation | None:
    """The generation in `data` if it is whole and belongs to `job_id`, else None."""
    try:
        envelope = require_json_object(json.loads(data.decode("utf-8")), field="checkpoint file")
    except (UnicodeDecodeError, ValueError, InvalidInput, RecursionError):
        return None
    digest = envelope.pop("sha256", None)
    attempt, checkpoint = envelope.get("attempt"), envelope.get("checkpoint")
    if set(envelope) != {"job_id", "attempt", "checkpoint"} or envelope["job_id"] != job_id:
        return None
    if not isinstance(attempt, int) or isinstance(attempt, bool) or attempt < 0:
        return None
    if not (checkpoint is None or isinstance(checkpoint, dict)) or digest != _digest(envelope):
        return None
    return Generation(attempt, checkpoint)


def _digest(body: dict[str, JsonValue]) -> str:
    return hashlib.sha256(canonical_json(body)).hexdigest()
