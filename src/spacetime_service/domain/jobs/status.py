"""The job status machine: which status may follow which, and which statuses hold a lease."""

from __future__ import annotations

from enum import StrEnum

from spacetime_service.domain.jobs.errors import IllegalTransition


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    CANCELLING = "cancelling"
    CANCELLED = "cancelled"
    SUCCEEDED = "succeeded"
    FAILED = "failed"

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_STATUSES

    @property
    def is_leased(self) -> bool:
        """A worker holds (or held, if it expired) a lease on jobs in this status."""
        return self in LEASED_STATUSES


TERMINAL_STATUSES = frozenset({JobStatus.CANCELLED, JobStatus.SUCCEEDED, JobStatus.FAILED})
LEASED_STATUSES = frozenset({JobStatus.RUNNING, JobStatus.CANCELLING})

# Running -> running and cancelling -> cancelling are claims of an expired lease by a new attempt.
# Cancelling may still end succeeded or failed: the handler finished before reaching a chunk boundary.
# Running -> queued is a graceful release at shutdown; the checkpoint stays, the next claim resumes it.
ALLOWED_TRANSITIONS: dict[JobStatus, frozenset[JobStatus]] = {
    JobStatus.QUEUED: frozenset({JobStatus.RUNNING, JobStatus.CANCELLED}),
    JobStatus.RUNNING: frozenset(
        {JobStatus.RUNNING, JobStatus.CANCELLING, JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.QUEUED}
    ),
    JobStatus.CANCELLING: frozenset(
        {JobStatus.CANCELLING, JobStatus.CANCELLED, JobStatus.SUCCEEDED, JobStatus.FAILED}
    ),
    JobStatus.CANCELLED: frozenset(),
    JobStatus.SUCCEEDED: frozenset(),
    JobStatus.FAILED: frozenset(),
}


def can_transition(current: JobStatus, target: JobStatus) -> bool:
    return target in ALLOWED_TRANSITIONS[current]


def sources_of(target: JobStatus) -> frozenset[JobStatus]:
    """The statuses a record may be in for a change to `target` (a conditional UPDATE's status IN list)."""
    return frozenset(status for status, targets in ALLOWED_TRANSITIONS.items() if target in targets)


def require_transition(current: JobStatus, target: JobStatus) -> None:
    if not can_transition(current, target):
        raise IllegalTransition(f"a {current} job cannot become {target}")
