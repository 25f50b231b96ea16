"""Port: how many jobs are in each state now, read from the job records (not from one process)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from spacetime_service.domain.jobs.progress import Progress


@dataclass(frozen=True, slots=True)
class JobTally:
    """Jobs of one kind: queued, leased (running or cancelling), and leased with an expired lease
    (their worker is gone; a runner will resume them)."""

    kind: str
    queued: int
    running: int
    expired_leases: int


@dataclass(frozen=True, slots=True)
class RunningJob:
    job_id: str
    kind: str
    progress: Progress


@runtime_checkable
class JobCensus(Protocol):
    def tallies(self, now: datetime) -> Sequence[JobTally]:
        """One tally per kind that has queued or leased jobs, by kind; one grouped read."""

    def running(self, limit: int) -> Sequence[RunningJob]:
        """Up to `limit` leased jobs with their progress, oldest first."""
