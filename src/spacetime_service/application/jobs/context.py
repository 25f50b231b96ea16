"""What a handler sees of its job: the request, the checkpoint to resume from, and a way to report.

Every report is fenced by the attempt the runner claimed. A report first saves the checkpoint (so that
a crash after it resumes after this chunk), then records progress and the ETA on the job record, then
stops the handler with `JobCancelled` or `JobSuspended` if it should go no further. A refused write
raises `LeaseLost`: another worker owns the job now, and this one must write nothing more.
"""

from __future__ import annotations

import copy

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.jobs.signals import JobCancelled, JobSuspended
from spacetime_service.application.ports.checkpoint_store import CheckpointStore
from spacetime_service.application.ports.clock import Clock
from spacetime_service.application.ports.job_repository import JobRepository
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.jobs.eta import ThroughputEstimate
from spacetime_service.domain.jobs.job import Job
from spacetime_service.domain.jobs.json_value import JsonObject, require_json_object
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus


class JobContext:
    """Given to `JobHandler.run` for one attempt of one job."""

    def __init__(
        self,
        job: Job,
        checkpoint: JsonObject | None,
        *,
        repository: JobRepository,
        checkpoints: CheckpointStore,
        clock: Clock,
        control: AttemptControl,
        throughput: ThroughputEstimate,
    ) -> None:
        self._job = job
        self._checkpoint = checkpoint
        self._repository = repository
        self._checkpoints = checkpoints
        self._clock = clock
        self._control = control
        # Seeded with the progress the attempt starts from, so the first report already yields a rate.
        self._throughput = throughput.observe(job.progress.done, clock.now())

    @property
    def job_id(self) -> str:
        return self._job.id

    @property
    def attempt(self) -> int:
        """The fencing token to pass to a CheckpointStore saved in the handler's own transaction."""
        return self._job.attempt

    @property
    def request(self) -> JsonObject:
        return copy.deepcopy(self._job.request)

    @property
    def checkpoint(self) -> JsonObject | None:
        """Where the previous attempt got to, or None on a first run."""
        return copy.deepcopy(self._checkpoint)

    def report(self, done: int, total: int | None, unit: str, checkpoint: JsonObject) -> None:
        """A chunk is done: saves `checkpoint`, records progress, and stops the handler if it must."""
        self._raise_if_lost()
        saved = require_json_object(checkpoint, field="checkpoint")
        try:
            self._checkpoints.save(self._job.id, self._job.attempt, saved)
        except LeaseLost:
            self._control.lost.set()
            raise
        self._record(Progress(done, total, unit), saved)

    def progress_only(self, done: int, total: int | None, unit: str) -> None:
        """A chunk is done and the handler already saved its checkpoint in the chunk's own transaction
        (through a CheckpointStore, with `self.attempt`): records progress, and stops the handler if
        it must."""
        self._raise_if_lost()
        self._record(Progress(done, total, unit), None)

    def raise_if_stopping(self) -> None:
        """Raises LeaseLost, JobCancelled or JobSuspended (in that order) if the attempt must stop.
        Handlers may call it between reports, for instance before a long step that saves nothing."""
        self._raise_if_lost()
        if self._control.cancel.is_set():
            raise JobCancelled(self._job.id)
        if self._control.suspend.is_set():
            raise JobSuspended(self._job.id)

    def _raise_if_lost(self) -> None:
        # Checked before any write, but cancel and suspend only after it: a finished chunk is saved first.
        if self._control.lost.is_set():
            raise LeaseLost(f"attempt {self._job.attempt} of job {self._job.id} lost its lease")

    def _record(self, progress: Progress, checkpoint: JsonObject | None) -> None:
        now = self._clock.now()
        self._throughput = self._throughput.observe(progress.done, now)
        job = self._repository.record_progress(
            self._job.id,
            self._job.attempt,
            progress,
            eta_seconds=self._throughput.eta_seconds(progress),
            checkpoint=checkpoint,
            now=now,
        )
        if job is None:
            self._control.lost.set()
        elif job.status is JobStatus.CANCELLING:
            self._control.cancel.set()
        self.raise_if_stopping()
