"""How a runner claims and keeps jobs."""

from __future__ import annotations

from dataclasses import dataclass

from spacetime_service.domain.errors import InvalidInput


@dataclass(frozen=True, slots=True)
class RunnerSettings:
    """A lease lasts `lease_seconds` and is renewed every `heartbeat_seconds`, which must be well
    below it, so a live worker never loses its lease; a dead one's jobs are resumed after at most
    `lease_seconds` plus one `poll_seconds`."""

    worker_id: str
    max_concurrent_jobs: int = 4
    lease_seconds: float = 60.0
    heartbeat_seconds: float = 15.0
    poll_seconds: float = 5.0

    def __post_init__(self) -> None:
        if self.max_concurrent_jobs < 1:
            raise InvalidInput("a runner runs at least one job at a time", field="max_concurrent_jobs")
        if min(self.lease_seconds, self.heartbeat_seconds, self.poll_seconds) <= 0:
            raise InvalidInput("lease, heartbeat and poll intervals must be positive", field="lease_seconds")
        if self.heartbeat_seconds * 2 > self.lease_seconds:
            raise InvalidInput("heartbeats must come at least twice per lease", field="heartbeat_seconds")
