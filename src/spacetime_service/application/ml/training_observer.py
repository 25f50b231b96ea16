"""A training run's observer inside a job: its progress goes to the job record, and a cancel, a
shutdown or a lost lease stops it at the next chunk."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.jobs.signals import JobInterrupted
from spacetime_service.domain.ml.training_job import TrainingJobProgress

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.jobs.context import JobContext
    from spacetime_service.application.ml.observer import TrainingProgress
    from spacetime_service.domain.jobs.json_value import JsonObject
    from spacetime_service.domain.ml.metrics import Metrics

PROGRESS_UNIT = "rows"


class JobTrainingObserver:
    """After a chunk that saved a model checkpoint, `context.report` commits progress together with
    the job record's checkpoint, which for training is a display snapshot (epoch, phase, last
    metrics: `TrainingJobProgress`), never a position to resume from (see TrainModelHandler). After
    other chunks `context.progress_only` commits progress alone through the same fenced write, at
    most every `interval_seconds`, so small chunks do not turn into a write per chunk.

    A cancel or a shutdown seen while reporting is kept and answered at `should_stop`, which makes the
    run save its checkpoint first; `raise_pending` then re-raises it. A lost lease propagates at once:
    another worker owns the job, and this one must not save anything more.
    """

    def __init__(
        self,
        context: JobContext,
        *,
        seconds: Callable[[], float],
        last_metrics: Callable[[], Metrics],
        interval_seconds: float = 1.0,
    ) -> None:
        self._context = context
        self._seconds = seconds
        self._last_metrics = last_metrics
        self._interval = interval_seconds
        self._last_report: float | None = None
        self._metrics: tuple[int, Metrics] | None = None
        self._pending: JobInterrupted | None = None
        self._latest: TrainingProgress | None = None

    def progress(self, progress: TrainingProgress) -> None:
        self._latest = progress
        now = self._seconds()
        try:
            if progress.checkpointed:
                self._context.report(progress.done, progress.total, PROGRESS_UNIT, self._recorded(progress))
            elif self._last_report is None or now - self._last_report >= self._interval:
                self._context.progress_only(progress.done, progress.total, PROGRESS_UNIT)
            else:
                return
        except JobInterrupted as signal:
            self._pending = signal
        self._last_report = now

    def should_stop(self) -> bool:
        if self._pending is None:
            try:
                self._context.raise_if_stopping()
            except JobInterrupted as signal:
                self._pending = signal
        return self._pending is not None

    def finished(self) -> None:
        """Records the whole run as done. A cancel that comes now is too late: the model is trained."""
        if self._latest is None:
            return
        self._context.progress_only(self._latest.total, self._latest.total, PROGRESS_UNIT, final=True)

    def raise_pending(self) -> None:
        """Re-raises the cancel or shutdown that stopped the run (the run saved its checkpoint)."""
        if self._pending is not None:
            raise self._pending

    def _recorded(self, progress: TrainingProgress) -> JsonObject:
        # The metrics change only when an epoch ends; they are read from the checkpoint once per epoch.
        if self._metrics is None or self._metrics[0] != progress.epoch:
            self._metrics = (progress.epoch, self._last_metrics())
        recorded = TrainingJobProgress(progress.epoch + 1, progress.epochs, progress.phase, self._metrics[1])
        return recorded.to_json()
