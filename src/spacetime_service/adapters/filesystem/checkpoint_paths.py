"""The files of one job's checkpoint, named from its id only once the id is known to be a safe token."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from spacetime_service.domain.errors import InvalidInput

# UUIDs and similar tokens: no dot, no slash, nothing a path could be made of.
_SAFE_JOB_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")


@dataclass(frozen=True, slots=True)
class CheckpointPaths:
    """`current` is the newest generation, `previous` the one before it (kept in case `current` is
    found damaged); temporary files start with a dot and the job id, so a later save can sweep up the
    ones a crash left behind."""

    current: Path
    previous: Path
    temporary_prefix: str

    @classmethod
    def of(cls, directory: Path, job_id: str) -> CheckpointPaths:
        if not _SAFE_JOB_ID.fullmatch(job_id):
            raise InvalidInput("a job id is 1 to 128 letters, digits, '-' or '_'", field="job_id")
        return cls(
            current=directory / f"{job_id}.json",
            previous=directory / f"{job_id}.previous.json",
            temporary_prefix=f".{job_id}.",
        )

    def stale_temporaries(self) -> list[Path]:
        return sorted(self.current.parent.glob(f"{self.temporary_prefix}*.tmp"))
