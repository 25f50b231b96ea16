"""CheckpointStore contract: JSON in, equal JSON out, and saves fenced by the attempt."""

from __future__ import annotations

import pytest

from spacetime_service.domain.jobs.errors import LeaseLost
from spacetime_service.domain.jobs.json_value import JsonObject
from tests.contracts.jobs.conftest import CheckpointStoreHarness

CHECKPOINT: JsonObject = {
    "last_id": 9_007_199_254_740_993,
    "ratio": 0.1,
    "name": "Zoë ✓",
    "done": [1, [2, None]],
}


def test_a_job_without_a_checkpoint_loads_none(checkpoints: CheckpointStoreHarness) -> None:
    assert checkpoints.store.load(checkpoints.new_job()) is None


def test_a_saved_checkpoint_loads_equal(checkpoints: CheckpointStoreHarness) -> None:
    job_id = checkpoints.new_job()

    checkpoints.store.save(job_id, 1, CHECKPOINT)

    assert checkpoints.store.load(job_id) == CHECKPOINT


def test_a_save_replaces_the_previous_checkpoint(checkpoints: CheckpointStoreHarness) -> None:
    job_id = checkpoints.new_job()
    checkpoints.store.save(job_id, 1, {"last_id": 10, "extra": True})

    checkpoints.store.save(job_id, 1, {"last_id": 20})

    assert checkpoints.store.load(job_id) == {"last_id": 20}


def test_checkpoints_are_kept_per_job(checkpoints: CheckpointStoreHarness) -> None:
    first, second = checkpoints.new_job(), checkpoints.new_job()
    checkpoints.store.save(first, 1, {"last_id": 1})
    checkpoints.store.save(second, 1, {"last_id": 2})

    checkpoints.store.delete(first, 1)

    assert (checkpoints.store.load(first), checkpoints.store.load(second)) == (None, {"last_id": 2})


def test_the_store_holds_its_own_copy(checkpoints: CheckpointStoreHarness) -> None:
    job_id = checkpoints.new_job()
    saved: JsonObject = {"done": [1, 2]}
    checkpoints.store.save(job_id, 1, saved)

    assert isinstance(saved["done"], list)
    saved["done"].append(3)
    loaded = checkpoints.store.load(job_id)
    assert loaded is not None
    loaded["done"] = []

    assert checkpoints.store.load(job_id) == {"done": [1, 2]}


def test_a_newer_attempt_may_save_and_fences_off_the_older(checkpoints: CheckpointStoreHarness) -> None:
    job_id = checkpoints.new_job()
    checkpoints.store.save(job_id, 1, {"by": "first"})
    second = checkpoints.next_attempt(job_id)
    checkpoints.store.save(job_id, second, {"by": "second"})

    with pytest.raises(LeaseLost):
        checkpoints.store.save(job_id, 1, {"by": "zombie"})
    with pytest.raises(LeaseLost):
        checkpoints.store.delete(job_id, 1)

    assert checkpoints.store.load(job_id) == {"by": "second"}


def test_a_deleted_checkpoint_is_gone_and_deleting_twice_is_fine(checkpoints: CheckpointStoreHarness) -> None:
    job_id = checkpoints.new_job()
    checkpoints.store.save(job_id, 1, CHECKPOINT)

    checkpoints.store.delete(job_id, 1)
    checkpoints.store.delete(job_id, 1)

    assert checkpoints.store.load(job_id) is None


def test_a_delete_remembers_the_attempt_that_made_it(checkpoints: CheckpointStoreHarness) -> None:
    job_id = checkpoints.new_job()
    checkpoints.store.save(job_id, 1, {"by": "first"})
    second = checkpoints.next_attempt(job_id)
    checkpoints.store.save(job_id, second, {"by": "second"})
    checkpoints.store.delete(job_id, second)

    with pytest.raises(LeaseLost):
        checkpoints.store.save(job_id, 1, {"by": "zombie"})

    assert checkpoints.store.load(job_id) is None
