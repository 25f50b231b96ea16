"""The passes of one training run: start or resume, train, validate, checkpoint, finish."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from spacetime_service.application.ml.checkpoints import checkpoint_of, position_of
from spacetime_service.application.ml.held_out_reads import HeldOutReader
from spacetime_service.application.ml.model_metadata import model_metadata
from spacetime_service.application.ml.observer import TrainingObserver, TrainingProgress
from spacetime_service.application.ml.outcome import TrainingOutcome
from spacetime_service.application.ml.position import TrainingPosition
from spacetime_service.application.ml.segmented_reads import SegmentedReader
from spacetime_service.application.ports.model_store import ModelArtifact, ModelStore
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.ml.features import FEATURES, fields_read_by
from spacetime_service.domain.ml.metrics import Tally, combine
from spacetime_service.domain.ml.model_version import TrainedRange
from spacetime_service.domain.ml.segments import segment_count, segment_ends
from spacetime_service.domain.ml.split import chunk_seed, validation_mask

if TYPE_CHECKING:
    from spacetime_service.application.ports.model_trainer import ModelTrainer
    from spacetime_service.application.ports.training_data import TrainingDataSource
    from spacetime_service.domain.ml.records import RecordChunk
    from spacetime_service.domain.ml.specs import TrainingRequest


class TrainingRun:
    """One training run's passes, with its collaborators and request fixed."""

    def __init__(
        self,
        *,
        data: TrainingDataSource,
        trainer: ModelTrainer,
        store: ModelStore,
        model_id: str,
        request: TrainingRequest,
        observer: TrainingObserver,
    ) -> None:
        self.data, self.trainer, self.store = data, trainer, store
        self.model_id, self.request, self.observer = model_id, request, observer
        task = request.spec.task_rule
        reads = fields_read_by(FEATURES[name] for name in request.spec.features)
        self.fields = tuple(sorted({*reads, task.target} if task.target else set(reads)))
        self.segmented = SegmentedReader(
            data, task.source, request.data_range, self.fields, request.chunk_rows
        )
        self.held_out = HeldOutReader(
            data,
            task.source,
            request.data_range,
            self.fields,
            request.chunk_rows,
            request.spec.seed,
            request.validation_fraction,
        )

    def resume(self) -> TrainingPosition | None:
        checkpoint = self.store.load_checkpoint(self.model_id)
        if checkpoint is None:
            return None
        position = position_of(self.request, checkpoint)
        self.trainer.restore(checkpoint.state)
        return position

    def start(self) -> TrainingPosition:
        source, data_range = self.request.spec.task_rule.source, self.request.data_range
        upper_id = self.data.upper_id(source, data_range)
        lower_id = self.data.lower_id(source, data_range)
        if upper_id is None or lower_id is None:
            raise InvalidInput("the data range holds no records to train on", field="data_range")
        rows_total = self.data.count(source, data_range, upper_id)
        segments = segment_count(self.request.chunk_rows, rows_total)
        position = TrainingPosition(
            upper_id=upper_id,
            rows_total=rows_total,
            first_id=lower_id,
            segment_ends=segment_ends(lower_id, upper_id, segments),
        )
        return replace(position, segment_cursors=position.fresh_cursors())

    def save_checkpoint(self, position: TrainingPosition) -> None:
        self.store.save_checkpoint(self.model_id, checkpoint_of(self.request, position, self.trainer.state()))

    def _split(self, chunk: RecordChunk) -> list[bool]:
        return validation_mask(chunk.ids, self.request.spec.seed, self.request.validation_fraction)

    def _report(self, position: TrainingPosition, checkpointed: bool) -> None:
        total = position.rows_total * 2 * self.request.epochs
        self.observer.progress(
            TrainingProgress(
                position.epoch, self.request.epochs, position.phase, position.rows_done(), total, checkpointed
            )
        )

    def train(self, position: TrainingPosition) -> tuple[TrainingPosition, bool]:
        """The rest of the epoch's training pass; true when it stopped on request."""
        seed = self.request.spec.seed
        while read := self.segmented.next_chunk(position.segment_ends, position.segment_cursors):
            chunk = read.chunk
            held_out = self._split(chunk)
            train = chunk.select([not flag for flag in held_out])
            if len(train):
                shuffle_seed = chunk_seed(seed, position.epoch, position.epoch_chunk)
                self.trainer.partial_fit(train, shuffle_seed=shuffle_seed, learn_scaling=position.epoch == 0)
            position = replace(
                position,
                segment_cursors=read.cursors,
                pass_rows=position.pass_rows + len(chunk),
                epoch_chunk=position.epoch_chunk + 1,
                trained_rows=position.trained_rows + len(train),
            )
            stop = self.observer.should_stop()
            due = stop or position.epoch_chunk % self.request.checkpoint_every == 0
            if due:
                self.save_checkpoint(position)
            self._report(position, due)
            if stop:
                return position, True
        if not self.trainer.fitted:
            raise InvalidInput(
                "every record of the data range was held out for validation", field="data_range"
            )
        return position, False

    def validate(self, position: TrainingPosition) -> tuple[TrainingPosition, bool]:
        """The whole validation pass (a resumed one starts it again: it changes nothing learnt)."""
        tally: Tally | None = None
        while read := self.held_out.next_chunk(position.last_id, position.upper_id):
            if read.records is not None and len(read.records):
                tally = combine(tally, self.trainer.evaluate(read.records))
            position = replace(position, last_id=read.last_id, pass_rows=position.pass_rows + read.scanned)
            self._report(position, False)
            if self.observer.should_stop():
                restart = replace(position, last_id=0, pass_rows=0)
                self.save_checkpoint(restart)
                return restart, True
        metrics = tally.metrics() if tally is not None else {"rows": 0.0}
        position = replace(
            position,
            validation_rows=int(metrics["rows"]),
            epoch_metrics=(*position.epoch_metrics, metrics),
        )
        return position, False

    def finish(self, position: TrainingPosition) -> TrainingOutcome:
        metrics = position.epoch_metrics[-1] if position.epoch_metrics else {}
        trained = TrainedRange(
            first_id=position.first_id,
            last_id=position.upper_id,
            trained_rows=position.trained_rows // self.request.epochs,
            validation_rows=position.validation_rows,
        )
        metadata = model_metadata(self.model_id, self.request, position.epoch_metrics, trained)
        self.store.save_model(self.model_id, ModelArtifact(self.trainer.state(), metadata))
        self.store.delete_checkpoint(self.model_id)
        return TrainingOutcome(True, metrics, position.epoch_metrics, trained)
