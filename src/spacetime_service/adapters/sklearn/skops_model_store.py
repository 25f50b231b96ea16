"""ModelStore on the filesystem, in the skops format, under one configured directory.

Layout: `<root>/<model id>/` holds `model.json` and `checkpoint.json`, the indexes, each naming a state
file `model-<sha256>.skops` or `checkpoint-<sha256>.skops` and its digest. A save writes the state file
first and the index last, both atomically, then removes the state files that no index names; so the
index is the commit point, and a crash leaves the old or the new version whole. A load checks the
index's file name against a fixed pattern, the digest, and every type in the state against the
allow-list, before returning a byte of it. Model ids pass `require_model_id`, so no path comes from a
client.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from typing import TYPE_CHECKING

from spacetime_service.adapters.durable_files import sync_directory, write_atomically
from spacetime_service.adapters.sklearn.skops_format import require_allowed
from spacetime_service.application.ports.model_store import ModelArtifact, TrainingCheckpoint
from spacetime_service.domain.errors import NotFound
from spacetime_service.domain.jobs.json_value import JsonObject, canonical_json, require_json_object
from spacetime_service.domain.ml.errors import UntrustedArtifact
from spacetime_service.domain.ml.model_version import require_model_id

if TYPE_CHECKING:
    from pathlib import Path

_STATE_FILE = re.compile(r"(model|checkpoint)-[0-9a-f]{64}\.skops")
MODEL, CHECKPOINT = "model", "checkpoint"


class SkopsModelStore:
    def __init__(self, root: Path) -> None:
        self._root = root

    def _directory(self, model_id: str) -> Path:
        return self._root / require_model_id(model_id)

    def save_model(self, model_id: str, artifact: ModelArtifact) -> None:
        self._save(model_id, MODEL, artifact.state, {"metadata": artifact.metadata})

    def load_model(self, model_id: str) -> ModelArtifact:
        loaded = self._load(model_id, MODEL)
        if loaded is None:
            raise NotFound(f"model {model_id} does not exist")
        state, index = loaded
        return ModelArtifact(state, _object(index, "metadata"))

    def delete_model(self, model_id: str) -> None:
        directory = self._directory(model_id)
        if directory.exists():
            shutil.rmtree(directory)
            sync_directory(self._root)

    def save_checkpoint(self, model_id: str, checkpoint: TrainingCheckpoint) -> None:
        self._save(model_id, CHECKPOINT, checkpoint.state, {"position": checkpoint.position})

    def load_checkpoint(self, model_id: str) -> TrainingCheckpoint | None:
        loaded = self._load(model_id, CHECKPOINT)
        if loaded is None:
            return None
        state, index = loaded
        return TrainingCheckpoint(state, _object(index, "position"))

    def delete_checkpoint(self, model_id: str) -> None:
        directory = self._directory(model_id)
        (directory / f"{CHECKPOINT}.json").unlink(missing_ok=True)
        if directory.exists():
            self._remove_unindexed(directory, CHECKPOINT)

    def _save(self, model_id: str, kind: str, state: bytes, body: JsonObject) -> None:
        require_allowed(state)
        directory = self._directory(model_id)
        directory.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(state).hexdigest()
        state_file = f"{kind}-{digest}.skops"
        write_atomically(directory / state_file, state)
        index: JsonObject = {"state_file": state_file, "sha256": digest, **body}
        write_atomically(directory / f"{kind}.json", canonical_json(index))
        self._remove_unindexed(directory, kind, keep=state_file)

    def _load(self, model_id: str, kind: str) -> tuple[bytes, JsonObject] | None:
        directory = self._directory(model_id)
        try:
            index = require_json_object(json.loads((directory / f"{kind}.json").read_bytes()), field=kind)
        except FileNotFoundError:
            return None
        except ValueError as error:
            raise UntrustedArtifact(f"the {kind} index of model {model_id} is not valid JSON") from error
        state_file, digest = index.get("state_file"), index.get("sha256")
        if (
            not isinstance(state_file, str)
            or not _STATE_FILE.fullmatch(state_file)
            or state_file[: len(kind)] != kind
        ):
            raise UntrustedArtifact(f"the {kind} index of model {model_id} names an unexpected file")
        try:
            state = (directory / state_file).read_bytes()
        except FileNotFoundError:
            raise UntrustedArtifact(f"the {kind} state of model {model_id} is missing") from None
        if hashlib.sha256(state).hexdigest() != digest or not state_file.endswith(f"-{digest}.skops"):
            raise UntrustedArtifact(f"the {kind} state of model {model_id} does not match its digest")
        require_allowed(state)
        return state, index

    @staticmethod
    def _remove_unindexed(directory: Path, kind: str, keep: str | None = None) -> None:
        for path in directory.glob(f"{kind}-*.skops"):
            if path.name != keep:
                path.unlink(missing_ok=True)
        sync_directory(directory)


def _object(index: JsonObject, name: str) -> JsonObject:
    value = index.get(name)
    if not isinstance(value, dict):
        raise UntrustedArtifact(f"the stored index has no {name} object")
    return value
