"""Use case: submit a job of a known kind, idempotently."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.application.jobs import life_events
from spacetime_service.application.jobs.trace_context import current_trace_parent
from spacetime_service.application.jobs.unmeasured import UnmeasuredJobs
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.job import Job, NewJob
from spacetime_service.domain.jobs.json_value import canonical_json, require_json_object
from spacetime_service.domain.jobs.status import JobStatus

if TYPE_CHECKING:
    from collections.abc import Collection, Mapping

    from spacetime_service.application.jobs.submission_quota import SubmissionQuota
    from spacetime_service.application.memory.guard import MemoryGuard
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.id_generator import IdGenerator
    from spacetime_service.application.ports.job_metrics import JobMetrics
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.application.ports.job_runner import JobRunner

MAX_REQUEST_BYTES = 64 * 1024


@dataclass(frozen=True, slots=True)
class SubmitJobCommand:
    kind: str
    owner: str
    request: Mapping[str, object]
    idempotency_key: str | None = None


@dataclass(frozen=True, slots=True)
class SubmitJobResult:
    """`created` is False when the submission repeated an earlier one with the same key and request."""

    job: Job
    created: bool


class SubmitJob:
    """A job is recorded as queued before any work starts, then handed to the runner; the record, not
    the runner, is what survives a crash. The kind must be one the service runs, and the request a
    JSON object of at most 64 KiB. With an idempotency key, repeating the same request returns the job
    of the first submission (whatever its status) instead of a new one, and the same key with a
    different request is a Conflict; keys are per owner. While memory pressure is critical the guard
    refuses new submissions (Unavailable), so that a saturated process sheds heavy work first. The
    quota (SubmissionQuota) refuses an owner's submission past its cap of unfinished jobs or its rate
    (QuotaExceeded); repeating an earlier submission's idempotency key is never refused by it, since
    it asks for no new job."""

    def __init__(
        self,
        repository: JobRepository,
        runner: JobRunner,
        clock: Clock,
        ids: IdGenerator,
        kinds: Collection[str],
        *,
        guard: MemoryGuard | None = None,
        metrics: JobMetrics | None = None,
        quota: SubmissionQuota | None = None,
    ) -> None:
        self._repository = repository
        self._runner = runner
        self._clock = clock
        self._ids = ids
        self._kinds = frozenset(kinds)
        self._guard = guard
        self._metrics = metrics or UnmeasuredJobs()
        self._quota = quota

    def execute(self, command: SubmitJobCommand) -> SubmitJobResult:
        if command.kind not in self._kinds:
            known = ", ".join(sorted(self._kinds))
            raise InvalidInput(f"unknown job kind {command.kind!r}; known: {known}", field="kind")
        request = require_json_object(dict(command.request), field="request")
        if len(canonical_json(request)) > MAX_REQUEST_BYTES:
            raise InvalidInput(f"a job request is at most {MAX_REQUEST_BYTES} bytes of JSON", field="request")
        if self._guard is not None:
            self._guard.admit_heavy_job()
        if self._quota is not None and not self._repeats_a_key(command):
            self._quota.admit(command.owner)
        new_job = NewJob(
            id=self._ids.new_id(),
            kind=command.kind,
            owner=command.owner,
            idempotency_key=command.idempotency_key,
            request=request,
            created_at=self._clock.now(),
            # The submitting request's trace (over HTTP), which the job's attempts join (attempt_span).
            trace_parent=current_trace_parent(),
        )
        creation = self._repository.create(new_job)
        if creation.created:
            life_events.submitted(creation.job)
            self._metrics.job_submitted(command.kind)
        if creation.job.status is JobStatus.QUEUED:
            # Also on a repeat: if the first hand-over was lost, this one gets the job going.
            self._runner.submit(creation.job.id)
        return SubmitJobResult(creation.job, creation.created)

    def _repeats_a_key(self, command: SubmitJobCommand) -> bool:
        """Whether the owner used this idempotency key before: the repository then answers with the
        earlier job (or a Conflict), and no new job is made."""
        key = command.idempotency_key
        return key is not None and self._repository.find_by_idempotency_key(command.owner, key) is not None
