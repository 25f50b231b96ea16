"""A worker's lease on a job: the fencing token is the job's attempt number, not the lease itself.

A lease expires at `expires_at` (a lease whose expiry equals now is expired). An expired lease lets
another worker claim the job, which increments the attempt; from then on every write that carries the
older attempt is refused, so a worker that was paused or cut off cannot overwrite its successor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from spacetime_service.domain.errors import InvalidInput

MAX_WORKER_ID_LENGTH = 200


@dataclass(frozen=True, slots=True)
class Lease:
    holder: str
    expires_at: datetime
    heartbeat_at: datetime

    def expired(self, now: datetime) -> bool:
        return self.expires_at <= now


def new_lease(holder: str, now: datetime, lease_seconds: float) -> Lease:
    """A lease held by `holder` from `now` for `lease_seconds`."""
    if not holder or len(holder) > MAX_WORKER_ID_LENGTH:
        raise InvalidInput(f"a worker id has 1 to {MAX_WORKER_ID_LENGTH} characters", field="worker_id")
    if lease_seconds <= 0:
        raise InvalidInput("a lease must last a positive number of seconds", field="lease_seconds")
    if now.tzinfo is None:
        raise InvalidInput("lease times must carry a timezone", field="now")
    return Lease(holder=holder, expires_at=now + timedelta(seconds=lease_seconds), heartbeat_at=now)
