"""The skops store refuses files that were altered or planted on disk, and never leaves half a file."""

from __future__ import annotations

import hashlib
import json
from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.sklearn.skops_model_store import SkopsModelStore
from spacetime_service.application.ports.model_store import ModelArtifact, TrainingCheckpoint
from spacetime_service.domain.ml.errors import UntrustedArtifact
from tests.contracts.ml.model_store_cases import (
    state_with_a_function,
    state_with_another_estimator,
    trusted_state,
)

if TYPE_CHECKING:
    from pathlib import Path

STATE = trusted_state()


def _saved(tmp_path: Path) -> tuple[SkopsModelStore, Path]:
    store = SkopsModelStore(tmp_path)
    store.save_model("m-1", ModelArtifact(STATE, {"task": "order_returned"}))
    return store, tmp_path / "m-1"


def _plant(directory: Path, kind: str, state: bytes) -> None:
    """What an attacker with write access does: a new state file, and an index whose digest matches."""
    digest = hashlib.sha256(state).hexdigest()
    (directory / f"{kind}-{digest}.skops").write_bytes(state)
    index = {"state_file": f"{kind}-{digest}.skops", "sha256": digest, "metadata": {}, "position": {}}
    (directory / f"{kind}.json").write_text(json.dumps(index))


def test_the_layout_is_an_index_beside_one_digest_named_state(tmp_path: Path) -> None:
    _, directory = _saved(tmp_path)
    names = sorted(path.name for path in directory.iterdir())
    digest = hashlib.sha256(STATE).hexdigest()
    assert names == [f"model-{digest}.skops", "model.json"]
    assert json.loads((directory / "model.json").read_text())["metadata"] == {"task": "order_returned"}


def test_an_altered_state_file_fails_its_digest(tmp_path: Path) -> None:
    store, directory = _saved(tmp_path)
    state_file = next(directory.glob("model-*.skops"))
    state_file.write_bytes(state_file.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(UntrustedArtifact, match="digest"):
        store.load_model("m-1")


@pytest.mark.parametrize("planted", [state_with_another_estimator, state_with_a_function])
def test_a_planted_state_with_an_untrusted_type_is_refused_on_load(tmp_path: Path, planted: object) -> None:
    assert callable(planted)
    store, directory = _saved(tmp_path)
    _plant(directory, "model", planted())
    with pytest.raises(UntrustedArtifact, match="outside the allow-list"):
        store.load_model("m-1")
    _plant(directory, "checkpoint", planted())
    with pytest.raises(UntrustedArtifact, match="outside the allow-list"):
        store.load_checkpoint("m-1")


@pytest.mark.parametrize(
    "state_file", ["../../outside.skops", "model.json", "checkpoint-" + "0" * 64 + ".skops"]
)
def test_an_index_naming_another_file_is_refused(tmp_path: Path, state_file: str) -> None:
    store, directory = _saved(tmp_path)
    (tmp_path / "outside.skops").write_bytes(STATE)
    index = json.loads((directory / "model.json").read_text())
    (directory / "model.json").write_text(json.dumps({**index, "state_file": state_file}))
    with pytest.raises(UntrustedArtifact):
        store.load_model("m-1")


def test_a_garbled_index_is_refused(tmp_path: Path) -> None:
    store, directory = _saved(tmp_path)
    (directory / "model.json").write_text("{not json")
    with pytest.raises(UntrustedArtifact):
        store.load_model("m-1")


def test_a_new_checkpoint_leaves_no_older_state_and_no_temporary_file(tmp_path: Path) -> None:
    store = SkopsModelStore(tmp_path)
    for at in range(3):
        store.save_checkpoint("m-1", TrainingCheckpoint(trusted_state() + b"", {"at": at}))
    files = sorted(path.name for path in (tmp_path / "m-1").iterdir())
    assert len(files) == 2
    assert files[1] == "checkpoint.json"
    assert files[0].startswith("checkpoint-")


def test_a_state_file_left_by_a_crash_before_the_index_changes_nothing(tmp_path: Path) -> None:
    store, directory = _saved(tmp_path)
    (directory / ("model-" + "f" * 64 + ".skops")).write_bytes(b"half a fi")
    assert store.load_model("m-1").state == STATE
