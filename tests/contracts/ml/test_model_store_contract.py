"""ModelStore contract: the skops store on disk and the in-memory fake behave alike."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore
from spacetime_service.application.ports.model_store import ModelArtifact, ModelStore, TrainingCheckpoint
from spacetime_service.domain.errors import InvalidInput, NotFound
from spacetime_service.domain.ml.errors import UntrustedArtifact
from tests.contracts.ml.model_store_cases import (
    state_with_a_function,
    state_with_another_estimator,
    trusted_state,
)
from tests.fakes.ml_model_store import InMemoryModelStore

if TYPE_CHECKING:
    from pathlib import Path

STATE = trusted_state()


@pytest.fixture(params=["skops", "fake"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> ModelStore:
    return SkopsModelStore(tmp_path / "models") if request.param == "skops" else InMemoryModelStore()


def test_a_saved_model_loads_back_equal(store: ModelStore) -> None:
    store.save_model("m-1", ModelArtifact(STATE, {"task": "order_returned", "metrics": {"auc": 0.7}}))
    assert store.load_model("m-1") == ModelArtifact(
        STATE, {"task": "order_returned", "metrics": {"auc": 0.7}}
    )


def test_saving_again_replaces_the_model(store: ModelStore) -> None:
    store.save_model("m-1", ModelArtifact(STATE, {"version": 1}))
    other = trusted_state()
    store.save_model("m-1", ModelArtifact(other, {"version": 2}))
    assert store.load_model("m-1") == ModelArtifact(other, {"version": 2})


def test_a_missing_model_is_not_found_and_deleting_it_is_harmless(store: ModelStore) -> None:
    with pytest.raises(NotFound):
        store.load_model("nothing")
    store.delete_model("nothing")


def test_deleting_a_model_removes_it_and_its_checkpoint(store: ModelStore) -> None:
    store.save_model("m-1", ModelArtifact(STATE, {}))
    store.save_checkpoint("m-1", TrainingCheckpoint(STATE, {"at": 1}))
    store.delete_model("m-1")
    with pytest.raises(NotFound):
        store.load_model("m-1")
    assert store.load_checkpoint("m-1") is None


def test_the_latest_checkpoint_wins_until_it_is_deleted(store: ModelStore) -> None:
    assert store.load_checkpoint("m-1") is None
    store.save_checkpoint("m-1", TrainingCheckpoint(STATE, {"at": 1}))
    store.save_checkpoint("m-1", TrainingCheckpoint(STATE, {"at": 2}))
    assert store.load_checkpoint("m-1") == TrainingCheckpoint(STATE, {"at": 2})
    store.delete_checkpoint("m-1")
    assert store.load_checkpoint("m-1") is None
    store.delete_checkpoint("m-1")


def test_models_and_checkpoints_are_apart(store: ModelStore) -> None:
    store.save_checkpoint("m-1", TrainingCheckpoint(STATE, {"at": 1}))
    with pytest.raises(NotFound):
        store.load_model("m-1")
    store.save_model("m-1", ModelArtifact(STATE, {}))
    store.delete_checkpoint("m-1")
    assert store.load_model("m-1").state == STATE


@pytest.mark.parametrize("bad_id", ["../escape", "/etc/passwd", "M", "a/b", ""])
def test_ids_that_could_name_a_path_are_refused(store: ModelStore, bad_id: str) -> None:
    with pytest.raises(InvalidInput):
        store.save_model(bad_id, ModelArtifact(STATE, {}))
    with pytest.raises(InvalidInput):
        store.load_checkpoint(bad_id)


@pytest.mark.parametrize("untrusted", [state_with_another_estimator, state_with_a_function])
def test_a_state_with_an_untrusted_type_is_refused(store: ModelStore, untrusted: object) -> None:
    assert callable(untrusted)
    with pytest.raises(UntrustedArtifact):
        store.save_model("m-1", ModelArtifact(untrusted(), {}))
    with pytest.raises(UntrustedArtifact):
        store.save_checkpoint("m-1", TrainingCheckpoint(untrusted(), {}))


def test_bytes_that_are_not_skops_are_refused(store: ModelStore) -> None:
    with pytest.raises(UntrustedArtifact):
        store.save_model("m-1", ModelArtifact(b"\x80\x04K\x01.", {}))
