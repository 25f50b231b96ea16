"""Incremental training: bounded chunks, a held-out split, and checkpoints that resume exactly."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pytest

from spacetime_service.adapters.sklearn.sklearn_model_trainer import (
    SklearnModelTrainer,
    SklearnModelTrainerFactory,
)
from spacetime_service.application.ml.incremental_training import IncrementalTraining
from spacetime_service.application.ml.observer import SilentObserver
from spacetime_service.domain.errors import Conflict, InvalidInput
from spacetime_service.domain.ml.specs import DataRange, ModelSpec, TrainingRequest
from spacetime_service.domain.ml.split import is_validation_row
from tests.fakes.ml_model_store import InMemoryModelStore
from tests.fakes.ml_training_data import InMemoryTrainingData
from tests.support.ml.synthetic_orders import START, history
from tests.support.ml.training_helpers import CrashAfter, SimulatedCrash, StopAfter, learnt_arrays

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacetime_service.domain.ml.fields import RecordSource
    from spacetime_service.domain.ml.metrics import Tally
    from spacetime_service.domain.ml.records import RecordChunk

HISTORY = history(products=600, orders=3_000)
DATA = InMemoryTrainingData(HISTORY.order_records(), HISTORY.product_records())

SPECS = {
    "classifier": ModelSpec(
        "order_returned", ("quantity", "unit_price", "category", "customer_id", "created_at"), seed=4
    ),
    "regressor": ModelSpec("order_quantity", ("unit_price", "discount", "category", "product_text"), seed=4),
    "clusters": ModelSpec(
        "product_segments", ("product_price", "product_stock", "category"), seed=4, clusters=3
    ),
}


def _request(spec: ModelSpec) -> TrainingRequest:
    """Two epochs of 12 chunks for orders and of 6 chunks for products, a checkpoint every 3 chunks."""
    chunk_rows = 100 if spec.task == "product_segments" else 250
    return TrainingRequest(
        spec, epochs=2, validation_fraction=0.15, chunk_rows=chunk_rows, checkpoint_every=3
    )


def _training(store: InMemoryModelStore) -> IncrementalTraining:
    return IncrementalTraining(DATA, SklearnModelTrainerFactory(), store)


def _assert_same_model(store: InMemoryModelStore, first: str, second: str) -> None:
    expected, actual = learnt_arrays(store, first), learnt_arrays(store, second)
    assert expected.keys() == actual.keys()
    for name, value in expected.items():
        assert np.array_equal(value, actual[name]), name


@pytest.mark.parametrize("kind", SPECS)
@pytest.mark.parametrize("stop_after", [1, 5, 13, 20])
def test_a_stopped_run_resumed_by_a_new_trainer_ends_with_the_same_model(kind: str, stop_after: int) -> None:
    store = InMemoryModelStore()
    request = _request(SPECS[kind])
    uninterrupted = _training(store).run("whole", request, SilentObserver())
    stopped = _training(store).run("parts", request, StopAfter(stop_after))
    assert not stopped.finished
    resumed = _training(store).run("parts", request, SilentObserver())
    assert resumed.finished
    _assert_same_model(store, "whole", "parts")
    assert resumed.epoch_metrics == uninterrupted.epoch_metrics
    assert resumed.trained_range == uninterrupted.trained_range
    assert store.load_checkpoint("parts") is None


@pytest.mark.parametrize("crash_after", [2, 4, 8, 14])
def test_a_crashed_run_resumes_from_its_last_periodic_checkpoint(crash_after: int) -> None:
    store = InMemoryModelStore()
    request = TrainingRequest(SPECS["classifier"], epochs=2, chunk_rows=250, checkpoint_every=3)
    _training(store).run("whole", request, SilentObserver())
    with pytest.raises(SimulatedCrash):
        _training(store).run("parts", request, CrashAfter(crash_after))
    _training(store).run("parts", request, SilentObserver())
    _assert_same_model(store, "whole", "parts")


def test_checkpoints_come_every_k_chunks_and_at_the_end_of_every_pass() -> None:
    store = InMemoryModelStore()
    request = TrainingRequest(SPECS["classifier"], epochs=1, chunk_rows=300, checkpoint_every=4)
    _training(store).run("m", request, SilentObserver())
    # 10 chunks: after chunks 4 and 8, after the training pass, after the validation pass.
    assert store.checkpoint_saves == 4


class RecordingTrainer(SklearnModelTrainer):
    """The real trainer, noting which record ids it learns from and which it scores."""

    def __init__(self, spec: ModelSpec) -> None:
        super().__init__(spec)
        self.learnt: list[int] = []
        self.scored: list[int] = []

    def partial_fit(self, chunk: RecordChunk, *, shuffle_seed: int, learn_scaling: bool) -> None:
        assert len(chunk) <= 250
        self.learnt.extend(chunk.ids)
        super().partial_fit(chunk, shuffle_seed=shuffle_seed, learn_scaling=learn_scaling)

    def evaluate(self, chunk: RecordChunk) -> Tally:
        self.scored.extend(chunk.ids)
        return super().evaluate(chunk)


class RecordingFactory:
    def __init__(self) -> None:
        self.trainers: list[RecordingTrainer] = []

    def create(self, spec: ModelSpec) -> RecordingTrainer:
        self.trainers.append(RecordingTrainer(spec))
        return self.trainers[-1]


def test_held_out_rows_are_scored_and_never_learnt() -> None:
    factory = RecordingFactory()
    request = TrainingRequest(SPECS["classifier"], epochs=1, validation_fraction=0.2, chunk_rows=250)
    outcome = IncrementalTraining(DATA, factory, InMemoryModelStore()).run("m", request, SilentObserver())
    trainer = factory.trainers[0]
    held_out = {i for i in range(1, 3001) if is_validation_row(i, 4, 0.2)}
    assert set(trainer.scored) == held_out
    assert set(trainer.learnt) == set(range(1, 3001)) - held_out
    assert outcome.metrics["rows"] == len(held_out)
    assert outcome.trained_range is not None
    assert outcome.trained_range.trained_rows == 3000 - len(held_out)


class FieldReads(InMemoryTrainingData):
    """Records the ids whose fields the validation pass reads."""

    def __init__(self) -> None:
        super().__init__(HISTORY.order_records(), HISTORY.product_records())
        self.read_by_id: list[list[int]] = []

    def records(self, source: RecordSource, fields: Sequence[str], ids: Sequence[int]) -> RecordChunk:
        self.read_by_id.append(list(ids))
        return super().records(source, fields, ids)


def test_the_validation_pass_reads_the_fields_of_held_out_records_alone() -> None:
    data = FieldReads()
    request = TrainingRequest(SPECS["classifier"], epochs=2, validation_fraction=0.2, chunk_rows=250)
    outcome = IncrementalTraining(data, SklearnModelTrainerFactory(), InMemoryModelStore()).run(
        "m", request, SilentObserver()
    )
    held_out = [i for i in range(1, 3001) if is_validation_row(i, 4, 0.2)]
    assert [i for read in data.read_by_id for i in read] == held_out * 2  # once per epoch, in id order
    assert max(len(read) for read in data.read_by_id) <= 250
    assert outcome.metrics["rows"] == len(held_out)


def test_the_classifier_learns_something_real() -> None:
    request = TrainingRequest(SPECS["classifier"], epochs=3, chunk_rows=500)
    outcome = _training(InMemoryModelStore()).run("m", request, SilentObserver())
    assert outcome.metrics["roc_auc"] > 0.55
    assert len(outcome.epoch_metrics) == 3


def test_progress_counts_two_passes_per_epoch_up_to_the_total() -> None:
    observer = StopAfter(10_000)
    request = TrainingRequest(SPECS["classifier"], epochs=2, chunk_rows=1000)
    _training(InMemoryModelStore()).run("m", request, observer)
    assert [p.done for p in observer.seen][-1] == observer.seen[-1].total == 4 * 3000
    phases = [p.phase.value for p in observer.seen]
    first_validation = phases.index("validating")
    assert set(phases[:first_validation]) == {"training"}
    assert observer.seen[first_validation - 1].done == 3000


def test_a_checkpoint_of_another_request_is_not_resumed() -> None:
    store = InMemoryModelStore()
    _training(store).run("m", _request(SPECS["classifier"]), StopAfter(2))
    other = TrainingRequest(SPECS["classifier"], epochs=5, chunk_rows=250)
    with pytest.raises(Conflict, match="another training request"):
        _training(store).run("m", other, SilentObserver())


def test_an_empty_range_is_refused_before_any_work() -> None:
    empty = DataRange(created_to=START.replace(year=2000))
    request = TrainingRequest(SPECS["classifier"], data_range=empty)
    with pytest.raises(InvalidInput, match="no records"):
        _training(InMemoryModelStore()).run("m", request, SilentObserver())
