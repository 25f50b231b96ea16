"""TrainModel: a checked request becomes a queued job and a version in training, idempotently."""

from __future__ import annotations

from datetime import timedelta

import pytest

from spacetime_service.domain.errors import Conflict, InvalidInput
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.ml.model_version import ModelStatus
from spacetime_service.domain.ml.specs import DataRange
from spacetime_service.domain.ml.training_job import TRAIN_MODEL_KIND, TrainingJobRequest
from tests.support.ml.synthetic_orders import START
from tests.unit.ml.ml_world import MlWorld, returned_request


def test_a_training_is_a_queued_job_whose_id_names_a_version_in_training() -> None:
    world = MlWorld()

    result = world.submit(returned_request(), alias="production")

    assert result.created
    assert (result.job.kind, result.job.status) == (TRAIN_MODEL_KIND, JobStatus.QUEUED)
    assert result.model_id == result.job.id
    assert world.engine.runner.submitted == [result.job.id]
    stored = world.registry.get(result.model_id)
    assert stored == result.version
    assert (stored.status, stored.job_id, stored.request) == (
        ModelStatus.TRAINING,
        result.job.id,
        returned_request(),
    )
    assert TrainingJobRequest.from_json(result.job.request) == TrainingJobRequest(
        returned_request(), "production"
    )


def test_repeating_a_submission_with_its_key_returns_the_same_job_and_model() -> None:
    world = MlWorld()
    first = world.submit(returned_request(), key="train-1")

    again = world.submit(returned_request(), key="train-1")

    assert not again.created
    assert (again.job.id, again.version) == (first.job.id, first.version)
    assert len(world.registry.versions) == 1


def test_the_same_key_with_another_request_is_a_conflict() -> None:
    world = MlWorld()
    world.submit(returned_request(), key="train-1")

    with pytest.raises(Conflict):
        world.submit(returned_request(seed=4), key="train-1")


def test_a_data_range_without_records_is_refused_before_anything_is_stored() -> None:
    world = MlWorld()
    request = returned_request()
    empty = DataRange(START - timedelta(days=30), START - timedelta(days=20))

    with pytest.raises(InvalidInput) as refused:
        world.submit(type(request)(request.spec, empty, epochs=1, chunk_rows=250))

    assert refused.value.field == "data_range"
    assert world.registry.versions == {}
    assert world.engine.runner.submitted == []


def test_an_alias_that_breaks_the_naming_rule_is_refused() -> None:
    with pytest.raises(InvalidInput) as refused:
        TrainingJobRequest(returned_request(), "Production!")

    assert refused.value.field == "alias"
