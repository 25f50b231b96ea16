"""Spill files live in a private directory that is gone after success, failure and early close, and
nothing else in the storage directory is ever read."""

from __future__ import annotations

import pickle
import stat
from pathlib import Path
from typing import TYPE_CHECKING

import msgpack
import pytest

from spacetime_service.adapters.spacetime.msgpack_external_sorter import MsgpackExternalSorter

if TYPE_CHECKING:
    from collections.abc import Iterator

BUDGET = 64 * 1024  # small enough that 20 000 rows spill in many runs
ROWS = 20_000


def shuffled(rows: int = ROWS) -> Iterator[tuple[int, str]]:
    return (((i * 7919) % rows, f"row {i}") for i in range(rows))


def first(record: tuple[int, str]) -> int:
    return record[0]


@pytest.fixture(params=["none", "gzip"])
def sorter(request: pytest.FixtureRequest, tmp_path: Path) -> MsgpackExternalSorter:
    return MsgpackExternalSorter(tmp_path / "spill", compression=request.param, budget_bytes=BUDGET)


def spill_dirs(tmp_path: Path) -> list[Path]:
    root = tmp_path / "spill"
    return [path for path in root.iterdir() if path.name.startswith("spill-")] if root.exists() else []


def test_runs_are_spilled_in_a_private_directory(sorter: MsgpackExternalSorter, tmp_path: Path) -> None:
    with sorter.sort(shuffled(), key=first) as result:
        assert next(result)[0] == 0
        (directory,) = spill_dirs(tmp_path)
        assert stat.S_IMODE(directory.stat().st_mode) == 0o700
        files = list(directory.iterdir())
        assert files
        assert {stat.S_IMODE(path.stat().st_mode) for path in files} == {0o600}


def test_removed_after_success(sorter: MsgpackExternalSorter, tmp_path: Path) -> None:
    with sorter.sort(shuffled(), key=first) as result:
        assert [row[0] for row in result] == list(range(ROWS))
        assert spill_dirs(tmp_path) == []


def test_removed_when_exhausted_without_a_with_block(sorter: MsgpackExternalSorter, tmp_path: Path) -> None:
    assert sum(1 for _ in sorter.sort(shuffled(), key=first)) == ROWS
    assert spill_dirs(tmp_path) == []


def test_removed_after_an_exception_in_the_consumer(sorter: MsgpackExternalSorter, tmp_path: Path) -> None:
    def consume() -> None:
        with sorter.sort(shuffled(), key=first) as result:
            for row in result:
                if row[0] == 100:
                    assert spill_dirs(tmp_path)
                    raise RuntimeError("consumer failed")

    with pytest.raises(RuntimeError, match="consumer failed"):
        consume()
    assert spill_dirs(tmp_path) == []


def test_removed_after_early_close(sorter: MsgpackExternalSorter, tmp_path: Path) -> None:
    result = sorter.sort(shuffled(), key=first)
    assert next(result)[0] == 0
    result.close()
    assert spill_dirs(tmp_path) == []
    result.close()  # closing twice is harmless


def test_removed_after_early_close_of_a_group_by(sorter: MsgpackExternalSorter, tmp_path: Path) -> None:
    groups = sorter.group_by(
        shuffled(), key=lambda row: row[0] % 10, reducer=lambda group: sum(1 for _ in group)
    )
    assert next(groups) == (0, ROWS // 10)
    assert spill_dirs(tmp_path)
    groups.close()
    assert spill_dirs(tmp_path) == []


def test_removed_when_the_input_fails_after_spilling(sorter: MsgpackExternalSorter, tmp_path: Path) -> None:
    def failing() -> Iterator[tuple[int, str]]:
        yield from shuffled()
        raise OSError("the database went away")

    with pytest.raises(OSError, match="went away"), sorter.sort(failing(), key=first) as result:
        next(result)
    assert spill_dirs(tmp_path) == []


def test_small_inputs_never_touch_the_disk(tmp_path: Path) -> None:
    sorter = MsgpackExternalSorter(tmp_path / "spill")
    with sorter.sort([3, 1, 2]) as result:
        assert list(result) == [1, 2, 3]
    assert not (tmp_path / "spill").exists()


class Planted:
    """Unpickling this would leave a marker file behind."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (str(self.marker), "unpickled"))


def test_files_planted_in_the_storage_directory_are_never_loaded(
    sorter: MsgpackExternalSorter, tmp_path: Path
) -> None:
    root = tmp_path / "spill"
    root.mkdir()
    marker = tmp_path / "marker"
    planted = {
        "run-000001.msgpack": msgpack.packb((-1, "planted")),
        "run-000001.msgpack.gz": msgpack.packb((-1, "planted")),
        "run-000001.pkl": pickle.dumps(Planted(marker)),
    }
    (root / "spill-guess").mkdir()
    for name, content in planted.items():
        (root / name).write_bytes(content)
        (root / "spill-guess" / name).write_bytes(content)
    with sorter.sort(shuffled(), key=first) as result:
        rows = list(result)
    assert [row[0] for row in rows] == list(range(ROWS))
    assert not marker.exists()
    assert {path.name for path in root.iterdir()} == {*planted, "spill-guess"}
