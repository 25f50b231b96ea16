"""Runs one claimed attempt of a job to its end, whatever runner delivered it."""

from __future__ import annotations

from typing import TYPE_CHECKING

import structlog

from spacetime_service.application.jobs.context import JobContext
from spacetime_service.application.jobs.signals import JobCancelled, JobSuspended
from spacetime_service.domain.errors import DomainError
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.jobs.eta import DEFAULT_HALF_LIFE_SECONDS, ThroughputEstimate
from spacetime_service.domain.jobs.outcome import JobOutcome
from spacetime_service.domain.jobs.status import JobStatus

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacetime_service.application.jobs.attempt_control import AttemptControl
    from spacetime_service.application.jobs.handler import JobHandler
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job

_log = structlog.get_logger(__name__)


class JobExecutor:
    """Given a job this worker has just claimed, runs its handler from the last checkpoint and ends it.

    The handler resumes from the checkpoint on the claimed record. Success ends succeeded with the
    handler's result (the record's checkpoint is dropped with it: nothing is left to resume); a cancel
    ends cancelled; a suspension (shutdown) releases the job to queued; an error ends failed; a lost lease
    ends the attempt without another write. A claimed job that is already cancelling ends cancelled
    without running, since its previous worker died before reaching a chunk boundary.
    Returns the record as the attempt left it, or None when the attempt was fenced.
    """

    def __init__(
        self,
        repository: JobRepository,
        handlers: Mapping[str, JobHandler],
        clock: Clock,
        *,
        eta_half_life_seconds: float = DEFAULT_HALF_LIFE_SECONDS,
    ) -> None:
        self._repository = repository
        self._handlers = dict(handlers)
        self._clock = clock
        self._throughput = ThroughputEstimate(half_life_seconds=eta_half_life_seconds)

    @property
    def kinds(self) -> frozenset[str]:
        """The job kinds this executor has handlers for; a runner claims only these."""
        return frozenset(self._handlers)

    def run(self, job: Job, control: AttemptControl) -> Job | None:
        log = _log.bind(job_id=job.id, kind=job.kind, attempt=job.attempt)
        if job.status is JobStatus.CANCELLING:
            return self._finish(job, JobOutcome.cancelled())
        handler = self._handlers.get(job.kind)
        if handler is None:
            return self._finish(job, JobOutcome.failed(f"no handler runs jobs of kind {job.kind!r}"))
        context = JobContext(
            job,
            repository=self._repository,
            clock=self._clock,
            control=control,
            throughput=self._throughput,
        )
        try:
            result_ref = handler.run(context)
        except JobCancelled:
            outcome = JobOutcome.cancelled()
        except JobSuspended:
            log.info("job.suspended")
            return self._repository.release(job.id, job.attempt, self._clock.now())
        except LeaseLost:
            log.warning("job.lease_lost")
            return None
        except DomainError as error:
            outcome = JobOutcome.failed(error.detail)
        except Exception:
            log.exception("job.failed")
            outcome = JobOutcome.failed("the job stopped on an unexpected error")
        else:
            outcome = JobOutcome.succeeded(result_ref)
        return self._finish(job, outcome)

    def _finish(self, job: Job, outcome: JobOutcome) -> Job | None:
        finished = self._repository.finish(job.id, job.attempt, outcome, self._clock.now())
        if finished is None:
            _log.warning("job.finish_refused", job_id=job.id, attempt=job.attempt, status=outcome.status)
        return finished
