"""Keeps the leases of the attempts a worker runs alive, and notices cancels and lost leases."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.jobs.status import JobStatus

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacetime_service.application.jobs.attempt_control import AttemptControl
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository


class Heartbeat:
    """One beat extends each attempt's lease by `lease_seconds` from now. A refused beat marks the
    attempt lost (its handler stops at its next report); a cancelling record marks it cancelled."""

    def __init__(self, repository: JobRepository, clock: Clock, lease_seconds: float) -> None:
        self._repository = repository
        self._clock = clock
        self._lease_seconds = lease_seconds

    def beat(self, attempts: Iterable[AttemptControl]) -> None:
        for control in attempts:
            job = self._repository.heartbeat(
                control.job_id, control.attempt, self._clock.now(), self._lease_seconds
            )
            if job is None:
                control.lost.set()
            elif job.status is JobStatus.CANCELLING:
                control.cancel.set()
