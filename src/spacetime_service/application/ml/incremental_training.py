"""Incremental training of a model, with checkpoints that resume exactly."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.ml.outcome import TrainingOutcome
from spacetime_service.application.ml.position import TrainingPhase
from spacetime_service.application.ml.training_run import TrainingRun
from spacetime_service.domain.ml.model_version import require_model_id

if TYPE_CHECKING:
    from spacetime_service.application.ml.observer import TrainingObserver
    from spacetime_service.application.ports.model_store import ModelStore
    from spacetime_service.application.ports.model_trainer_factory import ModelTrainerFactory
    from spacetime_service.application.ports.training_data import TrainingDataSource
    from spacetime_service.domain.ml.specs import TrainingRequest


class IncrementalTraining:
    """Trains a model over a stream of record chunks in bounded memory.

    Rule: one chunk of records is in memory at a time. Rows whose id hashes below the validation fraction
    are never trained on; after each epoch's training pass a validation pass scores them. Every
    `checkpoint_every` chunks, at the end of every pass and when asked to stop, the trainer's state and the
    position are saved together; a run given the same model id and request continues from there and ends
    with the same model, bit for bit, as a run that was never interrupted.
    """

    def __init__(self, data: TrainingDataSource, trainers: ModelTrainerFactory, store: ModelStore) -> None:
        self._data = data
        self._trainers = trainers
        self._store = store

    def run(self, model_id: str, request: TrainingRequest, observer: TrainingObserver) -> TrainingOutcome:
        require_model_id(model_id)
        run = TrainingRun(
            data=self._data,
            trainer=self._trainers.create(request.spec),
            store=self._store,
            model_id=model_id,
            request=request,
            observer=observer,
        )
        position = run.resume() or run.start()
        while position.phase is not TrainingPhase.FINISHED:
            pass_ = run.train if position.phase is TrainingPhase.TRAINING else run.validate
            position, stopped = pass_(position)
            if stopped:
                return TrainingOutcome(False, {}, position.epoch_metrics, None)
            position = position.next_pass(request.epochs)
            run.save_checkpoint(position)
        return run.finish(position)
