"""The file checkpoint store on real files: damaged or half-written files are never loaded, names come
only from safe job ids, and two stores on one directory (two processes) fence each other."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from spacetime_service.adapters.filesystem.checkpoint_store import FilesystemCheckpointStore
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.jobs.errors import LeaseLost


@pytest.fixture
def directory(tmp_path: Path) -> Path:
    return tmp_path / "checkpoints"


def _saved_twice(directory: Path) -> tuple[FilesystemCheckpointStore, str]:
    store, job_id = FilesystemCheckpointStore(directory), str(uuid.uuid4())
    store.save(job_id, 1, {"last_id": 10})
    store.save(job_id, 1, {"last_id": 20})
    return store, job_id


def test_a_checkpoint_file_is_plain_json_with_its_attempt(directory: Path) -> None:
    _, job_id = _saved_twice(directory)

    content = json.loads((directory / f"{job_id}.json").read_text(encoding="utf-8"))

    assert (content["job_id"], content["attempt"], content["checkpoint"]) == (job_id, 1, {"last_id": 20})


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[: len(data) // 2], id="truncated"),
        pytest.param(lambda data: b"", id="empty"),
        pytest.param(lambda data: data.replace(b'"last_id":20', b'"last_id":99'), id="altered"),
        pytest.param(lambda data: b"\xff\xfe" + data, id="not-utf8"),
    ],
)
def test_a_damaged_newest_file_falls_back_to_the_previous_generation(directory: Path, damage: object) -> None:
    store, job_id = _saved_twice(directory)
    current = directory / f"{job_id}.json"
    assert callable(damage)
    current.write_bytes(damage(current.read_bytes()))

    assert store.load(job_id) == {"last_id": 10}


def test_a_crash_between_the_renames_leaves_the_previous_generation(directory: Path) -> None:
    store, job_id = _saved_twice(directory)
    (directory / f"{job_id}.json").unlink()  # moved to previous, the new one not yet renamed in

    assert store.load(job_id) == {"last_id": 10}


def test_a_save_after_damage_keeps_the_good_generation_as_previous(directory: Path) -> None:
    store, job_id = _saved_twice(directory)
    (directory / f"{job_id}.json").write_bytes(b'{"job_id":')
    store.save(job_id, 1, {"last_id": 30})
    (directory / f"{job_id}.json").write_bytes(b"garbage")

    assert store.load(job_id) == {"last_id": 10}


def test_nothing_loads_when_every_generation_is_damaged(directory: Path) -> None:
    store, job_id = _saved_twice(directory)
    for name in (f"{job_id}.json", f"{job_id}.previous.json"):
        (directory / name).write_bytes(b"{}")

    assert store.load(job_id) is None


def test_a_file_of_another_job_is_not_loaded(directory: Path) -> None:
    store, job_id = _saved_twice(directory)
    other = str(uuid.uuid4())
    (directory / f"{job_id}.json").rename(directory / f"{other}.json")

    assert store.load(other) is None


def test_temporary_files_left_by_a_crash_are_swept_by_the_next_save(directory: Path) -> None:
    store, job_id = _saved_twice(directory)
    leftover = directory / f".{job_id}.abc123.tmp"
    leftover.write_bytes(b'{"half":')

    store.save(job_id, 1, {"last_id": 30})

    assert not leftover.exists()
    assert sorted(path.name for path in directory.iterdir()) == sorted(
        [".lock", f"{job_id}.json", f"{job_id}.previous.json"]
    )


@pytest.mark.parametrize("job_id", ["../escape", "a/b", "", ".hidden", "x.json", "é", "a" * 129, "a b"])
def test_unsafe_job_ids_never_become_file_names(tmp_path: Path, job_id: str) -> None:
    store = FilesystemCheckpointStore(tmp_path / "checkpoints")

    with pytest.raises(InvalidInput):
        store.save(job_id, 1, {"x": 1})
    with pytest.raises(InvalidInput):
        store.load(job_id)

    assert not (tmp_path / "escape").exists()
    assert sorted(path.name for path in tmp_path.rglob("*") if path.is_file()) in ([], [".lock"])


def test_two_stores_on_one_directory_fence_each_other(directory: Path) -> None:
    first, second = FilesystemCheckpointStore(directory), FilesystemCheckpointStore(directory)
    job_id = str(uuid.uuid4())
    first.save(job_id, 1, {"by": "first"})
    second.save(job_id, 2, {"by": "second"})

    with pytest.raises(LeaseLost):
        first.save(job_id, 1, {"by": "zombie"})

    assert (first.load(job_id), second.load(job_id)) == ({"by": "second"}, {"by": "second"})
