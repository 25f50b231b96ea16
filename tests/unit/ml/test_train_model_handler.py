"""The train_model job: trains, resumes from its checkpoint, and ends its version ready or failed."""

from __future__ import annotations

from datetime import timedelta

import numpy as np

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.application.ml.incremental_training import IncrementalTraining
from spacetime_service.application.ml.observer import SilentObserver
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.ml.aliases import ModelAlias
from spacetime_service.domain.ml.model_version import ModelStatus
from spacetime_service.domain.ml.specs import DataRange, TrainingRequest
from tests.support.ml.synthetic_orders import START
from tests.support.ml.training_helpers import learnt_arrays
from tests.unit.ml.ml_world import HISTORY, MlWorld, returned_request


def _assert_same_model(world: MlWorld, first: str, second: str) -> None:
    expected, actual = learnt_arrays(world.store, first), learnt_arrays(world.store, second)
    assert expected.keys() == actual.keys()
    for name, value in expected.items():
        assert np.array_equal(value, actual[name]), name


def test_a_finished_training_makes_the_version_ready_and_points_the_alias() -> None:
    world = MlWorld()
    submitted = world.submit(returned_request(), alias="production")

    ended = world.run(submitted.job.id)

    assert (ended.status, ended.result_ref) == (JobStatus.SUCCEEDED, submitted.model_id)
    assert ended.progress.done == ended.progress.total == 2 * 2 * len(HISTORY.orders)
    version = world.registry.get(submitted.model_id)
    assert version is not None
    assert version.status is ModelStatus.READY
    assert len(version.epoch_metrics) == 2
    assert version.metrics == version.epoch_metrics[-1]
    assert 0.0 <= version.metrics["accuracy"] <= 1.0
    assert version.trained_range is not None
    assert version.trained_range.validation_rows == version.metrics["rows"]
    assert world.registry.alias("alice", "order_returned", "production") == ModelAlias(
        "alice", "order_returned", "production", submitted.model_id
    )
    assert world.store.checkpoints == {}


def test_a_suspended_training_resumes_on_the_next_attempt_to_the_uninterrupted_model() -> None:
    world = MlWorld()
    reference = world.trained(returned_request())
    submitted = world.submit(returned_request())
    executor = world.engine.executor(world.handler())
    claimed = world.engine.claim("worker-1", submitted.job.id)
    control = AttemptControl(claimed.id, claimed.attempt)
    control.suspend.set()  # a shutdown: the run stops after its first chunk

    released = executor.run(claimed, control)

    assert released is not None
    assert released.status is JobStatus.QUEUED
    assert submitted.model_id in world.store.checkpoints
    ended = world.run(submitted.job.id, "worker-2")
    assert (ended.status, ended.attempt) == (JobStatus.SUCCEEDED, 2)
    _assert_same_model(world, reference, submitted.model_id)


def test_progress_carries_the_epoch_phase_and_last_metrics_to_the_status() -> None:
    world = MlWorld()
    submitted = world.submit(returned_request(checkpoint_every=1))
    claimed = world.engine.claim("worker-1", submitted.job.id)
    control = AttemptControl(claimed.id, claimed.attempt)
    control.suspend.set()

    world.engine.executor(world.handler()).run(claimed, control)

    status = world.get_model_status().execute(submitted.model_id)
    assert status.version.status is ModelStatus.TRAINING
    assert status.job is not None
    assert (status.job.progress.done, status.job.progress.unit) == (250, "rows")
    assert status.training is not None
    assert (status.training.epoch, status.training.epochs, status.training.phase) == (1, 2, "training")
    assert status.training.metrics == {}


def test_a_cancelled_training_fails_its_version_and_drops_its_checkpoint() -> None:
    world = MlWorld()
    submitted = world.submit(returned_request())
    claimed = world.engine.claim("worker-1", submitted.job.id)
    world.engine.repository.request_cancel(submitted.job.id, world.engine.clock.now())

    ended = world.engine.executor(world.handler()).run(claimed, AttemptControl(claimed.id, claimed.attempt))

    assert ended is not None
    assert ended.status is JobStatus.CANCELLED
    version = world.registry.get(submitted.model_id)
    assert version is not None
    assert (version.status, version.error) == (ModelStatus.FAILED, "the training was cancelled")
    assert world.store.checkpoints == {}


def test_a_training_that_fails_records_why_on_job_and_version() -> None:
    world = MlWorld()
    submitted = world.submit(returned_request())
    world.data = type(world.data)()  # the records are gone by the time the job runs

    ended = world.run(submitted.job.id)

    assert ended.status is JobStatus.FAILED
    assert ended.error == "the data range holds no records to train on"
    version = world.registry.get(submitted.model_id)
    assert version is not None
    assert (version.status, version.error) == (ModelStatus.FAILED, ended.error)


def test_an_attempt_that_lost_its_lease_leaves_the_version_to_its_successor() -> None:
    world = MlWorld()
    submitted = world.submit(returned_request())
    claimed = world.engine.claim("worker-1", submitted.job.id)
    control = AttemptControl(claimed.id, claimed.attempt)
    control.lost.set()

    outcome = world.engine.executor(world.handler()).run(claimed, control)

    assert outcome is None
    version = world.registry.get(submitted.model_id)
    assert version is not None
    assert version.status is ModelStatus.TRAINING


def test_an_attempt_that_finds_the_model_saved_marks_it_ready_without_training() -> None:
    world = MlWorld()
    submitted = world.submit(returned_request(epochs=1), alias="staging")
    # The previous attempt saved the model and died before the registry heard of it.
    IncrementalTraining(world.data, world.trainers, world.store).run(
        submitted.model_id, returned_request(epochs=1), SilentObserver()
    )
    reads = world.data.reads

    ended = world.run(submitted.job.id)

    assert ended.status is JobStatus.SUCCEEDED
    assert world.data.reads == reads
    version = world.registry.get(submitted.model_id)
    assert version is not None
    assert version.status is ModelStatus.READY
    assert version.metrics["rows"] > 0
    assert world.registry.alias("alice", "order_returned", "staging") is not None


def test_a_data_range_narrower_than_the_history_trains_on_it_alone() -> None:
    world = MlWorld()
    request = returned_request(epochs=1)
    window = DataRange(START + timedelta(days=100), START + timedelta(days=200))
    narrow = TrainingRequest(request.spec, window, epochs=1, validation_fraction=0.2, chunk_rows=250)

    model_id = world.trained(narrow)

    version = world.registry.get(model_id)
    assert version is not None
    assert version.trained_range is not None
    everything = world.registry.get(world.trained(request))
    assert everything is not None
    assert everything.trained_range is not None
    assert version.trained_range.trained_rows < everything.trained_range.trained_rows
