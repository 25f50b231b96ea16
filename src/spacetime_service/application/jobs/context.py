"""What a handler sees of its job: the request, the checkpoint to resume from, and one way to commit.

The job record is the one home of a job's checkpoint and progress. `commit` writes a chunk's
checkpoint, progress and ETA through the chunk's own transaction, fenced by the attempt, and commits
that transaction, so the chunk's effects and everything the record says about them are durable
together or not at all. Then it stops the handler with `JobCancelled` or `JobSuspended` if it should
go no further. A refused write raises `LeaseLost` before the commit: another attempt owns the job, the
caller's transaction rolls back, and this attempt must write nothing more. Each commit is a chunk's
span and, with a checkpoint, a `job.checkpointed` log line (chunk_telemetry).
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from spacetime_service.application.jobs.chunk_telemetry import ChunkTelemetry
from spacetime_service.application.jobs.signals import JobCancelled, JobSuspended
from spacetime_service.application.jobs.unmeasured import UnmeasuredJobs
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.jobs.json_value import JsonObject, require_json_object
from spacetime_service.domain.jobs.progress import Progress
from spacetime_service.domain.jobs.status import JobStatus

# The progress unit whose advance counts as rows processed.
ROWS = "rows"

if TYPE_CHECKING:
    from datetime import datetime

    from spacetime_service.application.jobs.attempt_control import AttemptControl
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_metrics import JobMetrics
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.application.ports.job_unit_of_work import JobUnitOfWork
    from spacetime_service.domain.jobs.eta import ThroughputEstimate
    from spacetime_service.domain.jobs.job import Job


class JobContext:
    """Given to `JobHandler.run` for one attempt of one job.

    `repository` is the job store in transactions of its own; `report` and `progress_only` commit
    through it (a chunk whose effects are files or a model store has nothing else to commit).
    `throughput` is the executor's configured average; this attempt's ETA is built from it.
    `retries_left` is how many more times a transient fault would be retried from the checkpoint.
    Each commit reports the chunk to `metrics`: the time since the previous commit (or the attempt's
    start), the rows it advanced when the unit is rows, and the bytes the handler says it processed.
    """

    def __init__(
        self,
        job: Job,
        *,
        repository: JobRepository,
        clock: Clock,
        control: AttemptControl,
        throughput: ThroughputEstimate,
        retries_left: int = 0,
        metrics: JobMetrics | None = None,
    ) -> None:
        self._job = job
        self._metrics = metrics or UnmeasuredJobs()
        self._chunk_started_at = clock.now()
        self._rows_done = job.progress.done if job.progress.unit == ROWS else 0
        self._retries_left = retries_left
        self._records = _RecordOnly(repository)
        self._chunk_telemetry = ChunkTelemetry(job)
        self._clock = clock
        self._control = control
        # Seeded with the progress the attempt starts from, so the first commit already yields a rate.
        self._throughput = throughput.observe(job.progress.done, clock.now())

    @property
    def job_id(self) -> str:
        return self._job.id

    @property
    def attempt(self) -> int:
        """This attempt's number (the fencing token), for naming what only this attempt may write."""
        return self._job.attempt

    @property
    def request(self) -> JsonObject:
        return copy.deepcopy(self._job.request)

    @property
    def checkpoint(self) -> JsonObject | None:
        """The checkpoint on the job record as this attempt claimed it: where the last committed chunk
        left off, or None on a first run."""
        return copy.deepcopy(self._job.checkpoint)

    @property
    def retries_left(self) -> int:
        """How many more times a transient fault (`Unavailable`) met now would be retried from the
        record's checkpoint; at 0 it fails the job. A handler that ends something of its own on a
        failure (a model version) leaves it as it is while a retry will follow."""
        return self._retries_left

    def commit(
        self,
        chunk: JobUnitOfWork,
        done: int,
        total: int | None,
        unit: str,
        checkpoint: JsonObject,
        *,
        final: bool = False,
        bytes_processed: int = 0,
    ) -> None:
        """Commits `chunk` (whose effects the handler wrote through it) with the job record's new
        checkpoint, progress and ETA, in its one transaction. LeaseLost, uncommitted, when another
        attempt owns the job: the caller's `with` block then rolls the chunk back. After the commit
        it raises JobCancelled or JobSuspended if the attempt must stop, unless the chunk is the
        job's `final` one: then the work is done, and a cancel or shutdown comes too late.
        `bytes_processed` is what the chunk read or wrote, for the metrics only."""
        saved = require_json_object(checkpoint, field="checkpoint")
        self._commit(chunk, Progress(done, total, unit), saved, final=final, bytes_processed=bytes_processed)

    def report(
        self,
        done: int,
        total: int | None,
        unit: str,
        checkpoint: JsonObject,
        *,
        final: bool = False,
        bytes_processed: int = 0,
    ) -> None:
        """`commit` of a chunk with no effects in the database: the record's checkpoint, progress
        and ETA in a transaction of their own. For handlers whose effects are files or a model store,
        written (and fsynced) before this call."""
        self.commit(
            self._records, done, total, unit, checkpoint, final=final, bytes_processed=bytes_processed
        )

    def progress_only(self, done: int, total: int | None, unit: str, *, final: bool = False) -> None:
        """`report` that leaves the record's checkpoint as it is: progress and ETA between two
        checkpoints, for handlers whose chunks are cheaper than a checkpoint."""
        self._commit(self._records, Progress(done, total, unit), None, final=final)

    def raise_if_stopping(self) -> None:
        """Raises LeaseLost, JobCancelled or JobSuspended (in that order) if the attempt must stop.
        Handlers may call it between commits, for instance before the first chunk or a long step."""
        self._raise_if_lost()
        if self._control.cancel.is_set():
            raise JobCancelled(self._job.id)
        if self._control.suspend.is_set():
            raise JobSuspended(self._job.id)

    def _raise_if_lost(self) -> None:
        # Checked before any write, but cancel and suspend only after it: a finished chunk commits first.
        if self._control.lost.is_set():
            raise LeaseLost(f"attempt {self._job.attempt} of job {self._job.id} lost its lease")

    def _commit(
        self,
        chunk: JobUnitOfWork,
        progress: Progress,
        checkpoint: JsonObject | None,
        *,
        final: bool,
        bytes_processed: int = 0,
    ) -> None:
        self._raise_if_lost()
        now = self._clock.now()
        throughput = self._throughput.observe(progress.done, now)
        traced = self._chunk_telemetry.commit(
            progress, checkpointed=checkpoint is not None, bytes_processed=bytes_processed
        )
        with traced:
            try:
                job = chunk.jobs.record_progress(
                    self._job.id,
                    self._job.attempt,
                    progress,
                    eta_seconds=throughput.eta_seconds(progress),
                    checkpoint=checkpoint,
                    now=now,
                )
                if job is None:
                    raise LeaseLost(f"attempt {self._job.attempt} of job {self._job.id} lost its lease")
                chunk.commit()
            except LeaseLost:
                self._control.lost.set()
                raise
        self._throughput = throughput
        self._measure(progress, now, bytes_processed)
        if job.status is JobStatus.CANCELLING:
            self._control.cancel.set()
        if not final:
            self.raise_if_stopping()

    def _measure(self, progress: Progress, now: datetime, bytes_processed: int) -> None:
        rows = 0
        if progress.unit == ROWS:
            rows, self._rows_done = max(0, progress.done - self._rows_done), progress.done
        seconds = max(0.0, (now - self._chunk_started_at).total_seconds())
        self._chunk_started_at = now
        self._metrics.chunk_committed(self._job.kind, seconds, rows, max(0, bytes_processed))


class _RecordOnly:
    """A chunk with no effects of its own: the job store's writes commit as they are made."""

    def __init__(self, jobs: JobRepository) -> None:
        self._jobs = jobs

    @property
    def jobs(self) -> JobRepository:
        return self._jobs

    def commit(self) -> None:
        pass  # each write of a store in transactions of its own is committed already
