"""The `train_model` job: trains the model that the job's id names, resuming from its checkpoint."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import structlog

from spacetime_service.application.jobs.signals import JobCancelled
from spacetime_service.application.ml.checkpoints import position_of
from spacetime_service.application.ml.stored_model import stored_outcome
from spacetime_service.application.ml.training_observer import JobTrainingObserver
from spacetime_service.domain.errors import Conflict, DomainError, Unavailable
from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.ml.aliases import point_alias
from spacetime_service.domain.ml.model_version import ModelStatus, ModelVersion
from spacetime_service.domain.ml.training_job import TRAIN_MODEL_KIND, TrainingJobRequest

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacetime_service.application.jobs.context import JobContext
    from spacetime_service.application.ml.incremental_training import IncrementalTraining
    from spacetime_service.application.ml.outcome import TrainingOutcome
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.application.ports.job_repository import JobRepository
    from spacetime_service.application.ports.model_registry import ModelRegistry
    from spacetime_service.application.ports.model_store import ModelStore
    from spacetime_service.domain.ml.metrics import Metrics
    from spacetime_service.domain.ml.specs import TrainingRequest

UNEXPECTED_ERROR = "the training stopped on an unexpected error"

_log = structlog.get_logger(__name__)


class TrainModelHandler:
    """Runs `IncrementalTraining` for the model named by the job's id. Progress goes to the job as
    rows read over all passes, committed through the job protocol (`context.report`).

    Where a run resumes from: the model store's training checkpoint, which holds the learner's state
    bytes (skops) and the JSON position they belong to, saved as one (its index file is the commit
    point) every `checkpoint_every` chunks, at the end of every pass and on a cancel or shutdown.
    The position stays with the state because the two must never disagree: a job-record position
    committed apart from the state would, after a crash between the two writes, point at a state
    that was already replaced. So the job record's checkpoint for this kind is display only (epoch,
    phase, last metrics, written after the model store's save), and `context.checkpoint` is not
    read to resume. A resumed job ends with the very model an uninterrupted one builds.

    When training ends the version becomes ready with its metrics (and the requested alias points at
    it); an error makes it failed (a transient fault only once no retry is left: until then the
    retry trains the same version on from the store's checkpoint), a cancel makes it failed as
    cancelled and drops its checkpoint. An attempt that finds the model already saved (the previous
    one died just after saving it) marks it ready without training again."""

    kind = TRAIN_MODEL_KIND

    def __init__(
        self,
        training: IncrementalTraining,
        store: ModelStore,
        registry: ModelRegistry,
        jobs: JobRepository,
        clock: Clock,
        *,
        seconds: Callable[[], float] = time.monotonic,
        progress_interval_seconds: float = 1.0,
    ) -> None:
        self._training = training
        self._store = store
        self._registry = registry
        self._jobs = jobs
        self._clock = clock
        self._seconds = seconds
        self._interval = progress_interval_seconds

    def run(self, context: JobContext) -> str | None:
        job = TrainingJobRequest.from_json(context.request)
        model_id = context.job_id
        version = self._registry.get(model_id) or self._registry.register(
            ModelVersion(model_id, job.training, context.job_id, self._clock.now(), self._owner(model_id))
        )
        if version.status is ModelStatus.READY:
            return model_id
        if version.status is not ModelStatus.TRAINING:
            raise Conflict(f"model {model_id} is {version.status}; it cannot be trained again")
        try:
            outcome = stored_outcome(self._store, model_id, job.training) or self._train(
                context, job.training
            )
        except LeaseLost:
            raise  # another worker owns the job and its version now
        except JobCancelled:
            self._end(version, version.failed("the training was cancelled", self._clock.now()))
            self._store.delete_checkpoint(model_id)
            raise
        except Unavailable as error:
            if context.retries_left == 0:
                self._end(version, version.failed(error.detail, self._clock.now()))
            raise  # otherwise the retry trains the same version on from the store's checkpoint
        except DomainError as error:
            self._end(version, version.failed(error.detail, self._clock.now()))
            raise
        except Exception:
            self._end(version, version.failed(UNEXPECTED_ERROR, self._clock.now()))
            raise
        assert outcome.trained_range is not None, "a finished training knows what it trained on"
        ready = version.ready(
            outcome.metrics, outcome.epoch_metrics, outcome.trained_range, self._clock.now()
        )
        aliases = [point_alias(version.task, job.alias, ready)] if job.alias else []
        self._registry.update(ready, expected=ModelStatus.TRAINING, aliases=aliases)
        return model_id

    def _owner(self, job_id: str) -> str:
        """The version's owner is its job's: read only when the submission died before registering it."""
        job = self._jobs.get(job_id)
        if job is None:
            raise Conflict(f"model {job_id} has no training job")
        return job.owner

    def _train(self, context: JobContext, request: TrainingRequest) -> TrainingOutcome:
        model_id = context.job_id
        observer = JobTrainingObserver(
            context,
            seconds=self._seconds,
            last_metrics=lambda: self._last_metrics(model_id, request),
            interval_seconds=self._interval,
        )
        outcome = self._training.run(model_id, request, observer)
        if not outcome.finished:
            observer.raise_pending()
            raise Conflict("the training stopped without being asked to")
        observer.finished()
        return outcome

    def _last_metrics(self, model_id: str, request: TrainingRequest) -> Metrics:
        checkpoint = self._store.load_checkpoint(model_id)
        if checkpoint is None:
            return {}
        metrics = position_of(request, checkpoint).epoch_metrics
        return dict(metrics[-1]) if metrics else {}

    def _end(self, version: ModelVersion, ended: ModelVersion) -> None:
        # The job's own failure is what the client sees; a registry that cannot record it must not
        # hide that failure behind its own.
        try:
            self._registry.update(ended, expected=ModelStatus.TRAINING)
        except Exception:  # noqa: BLE001 - see above
            _log.exception("ml.version_not_ended", model_id=version.id, status=ended.status)
