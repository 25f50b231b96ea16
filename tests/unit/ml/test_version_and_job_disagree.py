"""What the registry's readers show of a version whose job and version disagree for a while."""

from __future__ import annotations

from spacetime_service.application.jobs.attempt_control import AttemptControl
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.ml.model_version import ModelStatus, TrainedRange
from tests.unit.ml.ml_world import MlWorld, returned_request


def test_a_training_cancelled_while_queued_reads_as_failed() -> None:
    world = MlWorld()
    submitted = world.submit(returned_request())
    cancelled = world.engine.repository.request_cancel(submitted.job.id, world.engine.clock.now())
    assert cancelled.status is JobStatus.CANCELLED

    details = world.get_model().execute(submitted.model_id)

    assert details.version.status is ModelStatus.FAILED
    assert details.version.error == "its training job ended cancelled before the model was ready"
    assert details.version.finished_at == cancelled.finished_at
    stored = world.registry.get(submitted.model_id)
    assert stored is not None
    assert stored.status is ModelStatus.FAILED
    status = world.get_model_status().execute(submitted.model_id)
    assert (status.version, status.job) == (stored, cancelled)


def test_a_version_whose_job_is_queued_or_done_is_left_as_it_is() -> None:
    world = MlWorld()
    queued = world.submit(returned_request())
    ready = world.trained(returned_request(seed=8, epochs=1))

    assert world.get_model().execute(queued.model_id).version.status is ModelStatus.TRAINING
    assert world.get_model_status().execute(ready).version.status is ModelStatus.READY


def test_a_version_the_handler_ended_keeps_the_handlers_reason() -> None:
    world = MlWorld()
    submitted = world.submit(returned_request())
    world.data = type(world.data)()  # the records are gone by the time the job runs
    world.run(submitted.job.id)

    version = world.get_model().execute(submitted.model_id).version

    assert version.status is ModelStatus.FAILED
    assert version.error is not None
    assert "ended" not in version.error


def test_a_ready_version_is_not_shown_with_its_jobs_last_training_snapshot() -> None:
    # The handler marks the version ready before the job record drops its last training checkpoint.
    world = MlWorld()
    submitted = world.submit(returned_request(checkpoint_every=1))
    claimed = world.engine.claim("worker-1", submitted.job.id)
    control = AttemptControl(claimed.id, claimed.attempt)
    control.suspend.set()  # stops after the first chunk, with a training snapshot in the job record
    world.engine.executor(world.handler()).run(claimed, control)
    assert world.get_model_status().execute(submitted.model_id).training is not None
    version = world.registry.get(submitted.model_id)
    assert version is not None
    final = {"rows": 10.0, "accuracy": 0.5}
    ready = version.ready(final, (final,), TrainedRange(1, 1200, 960, 240), world.engine.clock.now())
    world.registry.update(ready, expected=ModelStatus.TRAINING)

    status = world.get_model_status().execute(submitted.model_id)

    assert status.training is None
    assert status.version.metrics == final
