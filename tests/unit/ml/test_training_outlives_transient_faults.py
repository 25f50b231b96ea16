"""A training job that meets a transient fault (the database could not be read) is retried from the
model store's checkpoint and ends with the model an uninterrupted run builds; only when no retry is
left does its version fail."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from spacetime_service.application.jobs.executor import JobExecutor
from spacetime_service.application.jobs.retry_policy import RetryPolicy
from spacetime_service.domain.errors import Unavailable
from spacetime_service.domain.jobs.status import JobStatus
from spacetime_service.domain.ml.model_version import ModelStatus
from spacetime_service.domain.ml.training_job import TRAIN_MODEL_KIND
from tests.fakes.ml_training_data import InMemoryTrainingData
from tests.support.ml.training_helpers import learnt_arrays
from tests.unit.ml.ml_world import HISTORY, MlWorld, returned_request

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from spacetime_service.domain.ml.fields import RecordSource
    from spacetime_service.domain.ml.records import RecordChunk
    from spacetime_service.domain.ml.specs import DataRange

FAULT = "the database could not be read (TimeoutError)"


class FlakyTrainingData(InMemoryTrainingData):
    """Raises Unavailable instead of its `fail_at`-th chunk, `faults` times in a row."""

    def __init__(self, fail_at: int, faults: int) -> None:
        super().__init__(HISTORY.order_records(), HISTORY.product_records())
        self._fail_at = fail_at
        self._faults = faults
        self._served = 0

    def chunks(
        self,
        source: RecordSource,
        data_range: DataRange,
        fields: Sequence[str],
        *,
        after_id: int,
        upper_id: int,
        chunk_rows: int,
    ) -> Iterator[RecordChunk]:
        chunks = super().chunks(
            source, data_range, fields, after_id=after_id, upper_id=upper_id, chunk_rows=chunk_rows
        )
        for chunk in chunks:
            if self._served + 1 >= self._fail_at and self._faults > 0:
                self._faults -= 1
                raise Unavailable(FAULT)
            self._served += 1
            yield chunk


def _executor(world: MlWorld, max_retries: int) -> JobExecutor:
    policy = RetryPolicy(max_retries=max_retries, first_delay_seconds=0, max_delay_seconds=0)
    return JobExecutor(
        world.engine.repository, {TRAIN_MODEL_KIND: world.handler()}, world.engine.clock, retry_policy=policy
    )


def test_a_read_fault_is_retried_and_the_training_ends_with_the_uninterrupted_model() -> None:
    world = MlWorld()
    reference = world.trained(returned_request())
    world.data = FlakyTrainingData(fail_at=4, faults=1)
    submitted = world.submit(returned_request())

    ended = world.engine.run(_executor(world, max_retries=2), "worker-1", submitted.job.id)

    assert ended is not None
    assert (ended.status, ended.attempt, ended.retries, ended.retry_error) == (
        JobStatus.SUCCEEDED,
        1,
        1,
        FAULT,
    )
    version = world.registry.get(submitted.model_id)
    assert version is not None
    assert version.status is ModelStatus.READY
    expected, actual = learnt_arrays(world.store, reference), learnt_arrays(world.store, submitted.model_id)
    assert expected.keys() == actual.keys()
    for name, value in expected.items():
        assert np.array_equal(value, actual[name]), name


def test_a_fault_that_outlasts_the_retries_fails_the_job_and_its_version_with_the_detail() -> None:
    world = MlWorld()
    world.data = FlakyTrainingData(fail_at=4, faults=10)
    submitted = world.submit(returned_request())

    ended = world.engine.run(_executor(world, max_retries=2), "worker-1", submitted.job.id)

    assert ended is not None
    assert (ended.status, ended.error) == (JobStatus.FAILED, f"{FAULT} (still failing after 2 retries)")
    version = world.registry.get(submitted.model_id)
    assert version is not None
    assert (version.status, version.error) == (ModelStatus.FAILED, FAULT)
