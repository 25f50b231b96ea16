"""The durable job record, and the draft that creates one."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.idempotency import request_hash, require_idempotency_key
from spacetime_service.domain.jobs.json_value import JsonObject, require_json_object
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.domain.jobs.lease import Lease

MAX_NAME_LENGTH = 200
# A W3C traceparent is 55 characters in its version 00; later versions may append fields.
MAX_TRACE_PARENT_LENGTH = 128


@dataclass(frozen=True, slots=True)
class Job:
    """A job as stored. `attempt` counts claims and is the fencing token; `version` counts every write
    except heartbeats and is the id of the event that shows this state. `retries` counts the
    transient faults (a lost or busy database, a full disk) the job was retried after, over all its
    attempts, and `retry_error` is the last of them; `error` is only ever the detail of a failure.
    `trace_parent` is the trace context (a W3C traceparent) of the request that submitted the job, and
    `attempt_trace_parent` that of its latest attempt, which the next attempt links to."""

    id: str
    kind: str
    owner: str
    idempotency_key: str | None
    request_hash: str
    request: JsonObject
    status: JobStatus
    attempt: int
    lease: Lease | None
    progress: Progress
    eta_seconds: float | None
    checkpoint: JsonObject | None
    result_ref: str | None
    error: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    updated_at: datetime
    version: int
    retries: int = 0
    retry_error: str | None = None
    trace_parent: str | None = None
    attempt_trace_parent: str | None = None

    def is_claimable(self, now: datetime) -> bool:
        """Queued, or leased by a worker whose lease has expired (it stopped heartbeating)."""
        if self.status is JobStatus.QUEUED:
            return True
        return self.status.is_leased and (self.lease is None or self.lease.expired(now))

    def accepts_writer(self, attempt: int) -> bool:
        """Fencing: only the current attempt may write, and only while the job is leased."""
        return self.status.is_leased and attempt == self.attempt


@dataclass(frozen=True, slots=True)
class NewJob:
    """What a submission creates: a queued job at attempt 0 and version 1."""

    id: str
    kind: str
    owner: str
    idempotency_key: str | None
    request: JsonObject
    created_at: datetime
    trace_parent: str | None = None
    request_hash: str = field(default="")

    def __post_init__(self) -> None:
        for name in ("id", "kind", "owner"):
            value = getattr(self, name)
            if not value or len(value) > MAX_NAME_LENGTH:
                raise InvalidInput(f"a job {name} has 1 to {MAX_NAME_LENGTH} characters", field=name)
        if self.idempotency_key is not None:
            require_idempotency_key(self.idempotency_key)
        if self.created_at.tzinfo is None:
            raise InvalidInput("created_at must carry a timezone", field="created_at")
        require_trace_parent(self.trace_parent)
        request = require_json_object(self.request, field="request")
        object.__setattr__(self, "request", request)
        object.__setattr__(self, "request_hash", request_hash(request))

    def to_job(self) -> Job:
        return Job(
            id=self.id,
            kind=self.kind,
            owner=self.owner,
            idempotency_key=self.idempotency_key,
            request_hash=self.request_hash,
            request=self.request,
            status=JobStatus.QUEUED,
            attempt=0,
            lease=None,
            progress=Progress(),
            eta_seconds=None,
            checkpoint=None,
            result_ref=None,
            error=None,
            created_at=self.created_at,
            started_at=None,
            finished_at=None,
            updated_at=self.created_at,
            version=1,
            trace_parent=self.trace_parent,
        )


def require_trace_parent(value: str | None) -> None:
    """A trace context is opaque here (the tracing code reads it), but bounded like every stored text."""
    if value is not None and not 0 < len(value) <= MAX_TRACE_PARENT_LENGTH:
        raise InvalidInput(
            f"a trace context has 1 to {MAX_TRACE_PARENT_LENGTH} characters", field="trace_parent"
        )
