"""Runs one claimed attempt of a job to its end, whatever runner delivered it.

A transient fault (`RetryPolicy.is_transient`) does not end the attempt: the same attempt waits
(exponential backoff with jitter), counts the retry on the record (a fenced write that also returns
the record's last checkpoint) and runs the handler again from that checkpoint. The attempt keeps its
lease meanwhile (the runner's heartbeat renews it), so no other runner takes the job over and the
fencing token stays the same. A worker that dies while waiting loses nothing: its lease expires and
any runner resumes the job from the same checkpoint, with the retries counted so far.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import structlog

from spacetime_service.application.jobs import life_events
from spacetime_service.application.jobs.attempt_span import attempt_span, record_ending
from spacetime_service.application.jobs.context import JobContext
from spacetime_service.application.jobs.retry_policy import RetryPolicy
from spacetime_service.application.jobs.signals import JobCancelled, JobSuspended
from spacetime_service.application.jobs.unmeasured import UnmeasuredJobs
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
    from spacetime_service.application.ports.job_metrics import JobMetrics
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.domain.jobs.job import Job

_log = structlog.get_logger(__name__)


class JobExecutor:
    """Given a job this worker has just claimed, runs its handler from the last checkpoint and ends it.

    The handler resumes from the checkpoint on the claimed record. Success ends succeeded with the
    handler's result (the record's checkpoint is dropped with it: nothing is left to resume); a cancel
    ends cancelled; a suspension (shutdown) releases the job to queued; a transient fault is retried
    from the record's checkpoint by this attempt, up to the policy's bound, and fails the job with its
    detail after that; any other error (the job's own) fails it at once; a lost lease ends the attempt
    without another write. A claimed job that is already cancelling ends cancelled without running,
    since its previous worker died before reaching a chunk boundary.
    Returns the record as the attempt left it, or None when the attempt was fenced.
    """

    def __init__(
        self,
        repository: JobRepository,
        handlers: Mapping[str, JobHandler],
        clock: Clock,
        *,
        eta_half_life_seconds: float = DEFAULT_HALF_LIFE_SECONDS,
        retry_policy: RetryPolicy | None = None,
        metrics: JobMetrics | None = None,
    ) -> None:
        self._repository = repository
        self._handlers = dict(handlers)
        self._clock = clock
        self._throughput = ThroughputEstimate(half_life_seconds=eta_half_life_seconds)
        self._retry_policy = retry_policy or RetryPolicy()
        self._metrics = metrics or UnmeasuredJobs()

    @property
    def kinds(self) -> frozenset[str]:
        """The job kinds this executor has handlers for; a runner claims only these."""
        return frozenset(self._handlers)

    def run(self, job: Job, control: AttemptControl) -> Job | None:
        """The attempt runs inside its span (attempt_span), and every log line it writes names the job."""
        with (
            attempt_span(job, self._repository) as span,
            structlog.contextvars.bound_contextvars(job_id=job.id, kind=job.kind, attempt=job.attempt),
        ):
            life_events.claimed(job)
            ended = self._attempt(job, control)
            record_ending(span, ended)
            return ended

    def _attempt(self, job: Job, control: AttemptControl) -> Job | None:
        if job.attempt > 1:
            self._metrics.attempt_resumed(job.kind)
        if job.status is JobStatus.CANCELLING:
            return self._finish(job, JobOutcome.cancelled())
        handler = self._handlers.get(job.kind)
        if handler is None:
            return self._finish(job, JobOutcome.failed(f"no handler runs jobs of kind {job.kind!r}"))
        retries = job.retries
        while True:
            ended, fault = self._run_once(handler, job, control, retries)
            if fault is None:
                return ended
            step = self._retry(job, control, fault, retries)
            if not isinstance(step, _RunAgain):
                return step
            job, retries = step.job, step.retries

    def _run_once(
        self, handler: JobHandler, job: Job, control: AttemptControl, retries: int
    ) -> tuple[Job | None, DomainError | None]:
        """Runs the handler once from `job`'s checkpoint: the record as the run left it, or the
        transient fault it met (then nothing was written to end the job)."""
        log = _log.bind(job_id=job.id, kind=job.kind, attempt=job.attempt, retries=retries)
        context = JobContext(
            job,
            repository=self._repository,
            clock=self._clock,
            control=control,
            throughput=self._throughput,
            retries_left=max(0, self._retry_policy.max_retries - retries),
            metrics=self._metrics,
        )
        try:
            result_ref = handler.run(context)
        except JobCancelled:
            outcome = JobOutcome.cancelled()
        except JobSuspended:
            log.info("job.suspended")
            return self._repository.release(job.id, job.attempt, self._clock.now()), None
        except LeaseLost:
            log.warning("job.lease_lost")
            self._metrics.lease_expired(job.kind)
            return None, None
        except DomainError as error:
            if self._retry_policy.is_transient(error):
                return None, error
            outcome = JobOutcome.failed(error.detail)
        except Exception:
            log.exception("job.raised")
            outcome = JobOutcome.failed("the job stopped on an unexpected error")
        else:
            outcome = JobOutcome.succeeded(result_ref)
        return self._finish(job, outcome), None

    def _retry(
        self, job: Job, control: AttemptControl, fault: DomainError, retries: int
    ) -> _RunAgain | Job | None:
        """Waits, then counts the retry on the record and returns the record to run again from.
        Ends the attempt instead (the record as it left it, or None when fenced) when the bound is
        reached (the job fails with the fault's detail) or the attempt is told to stop meanwhile."""
        log = _log.bind(job_id=job.id, kind=job.kind, attempt=job.attempt)
        while True:
            retries += 1
            if not self._retry_policy.allows(retries):
                log.warning("job.retries_exhausted", retries=retries - 1, error=fault.detail)
                return self._finish(
                    job, JobOutcome.failed(f"{fault.detail} (still failing after {retries - 1} retries)")
                )
            delay = self._retry_policy.delay_seconds(retries)
            log.warning(
                "job.transient_fault", retry=retries, delay_seconds=round(delay, 3), error=fault.detail
            )
            control.pause(delay)
            if control.stopping:
                return self._stopped(job, control)
            try:
                retried = self._repository.record_retry(job.id, job.attempt, fault.detail, self._clock.now())
            except DomainError as error:
                if not self._retry_policy.is_transient(error):
                    raise
                fault = error  # the store is still down: this wait counts as a retry too
                continue
            if retried is None:
                control.lost.set()
                log.warning("job.lease_lost")
                self._metrics.lease_expired(job.kind)
                return None
            self._metrics.job_retried(job.kind)
            life_events.retried(retried, retries, fault.detail)
            if retried.status is JobStatus.CANCELLING:
                return self._finish(job, JobOutcome.cancelled())
            return _RunAgain(retried, retries)

    def _stopped(self, job: Job, control: AttemptControl) -> Job | None:
        """Ends an attempt told to stop while it waited to retry: fenced, cancelled or suspended."""
        if control.lost.is_set():
            return None
        if control.cancel.is_set():
            return self._finish(job, JobOutcome.cancelled())
        _log.info("job.suspended", job_id=job.id, attempt=job.attempt)
        return self._repository.release(job.id, job.attempt, self._clock.now())

    def _finish(self, job: Job, outcome: JobOutcome) -> Job | None:
        finished = self._repository.finish(job.id, job.attempt, outcome, self._clock.now())
        if finished is None:
            _log.warning("job.finish_refused", job_id=job.id, attempt=job.attempt, status=outcome.status)
        else:
            self._metrics.job_finished(finished.kind, finished.status.value, _lifetime_seconds(finished))
            life_events.ended(finished)
        return finished


def _lifetime_seconds(job: Job) -> float | None:
    """From the first start to the end, over all attempts; None for a job that never started."""
    if job.started_at is None or job.finished_at is None:
        return None
    return max(0.0, (job.finished_at - job.started_at).total_seconds())


@dataclass(frozen=True, slots=True)
class _RunAgain:
    """The retry is counted: run the handler again from `job` (the record as the count left it)."""

    job: Job
    retries: int
