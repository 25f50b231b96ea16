"""Starting multiprocess mode before server processes start: an empty directory, fresh or emptied."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from spacetime_service.adapters.prometheus.multiprocess_mode import (
    MULTIPROC_DIR_VARIABLE,
    start_multiprocess_mode,
)

if TYPE_CHECKING:
    import pytest


def test_without_a_directory_a_fresh_one_is_made_and_named(monkeypatch: pytest.MonkeyPatch) -> None:
    # Empty reads as unset; set through monkeypatch, so that the variable the call sets is undone after.
    monkeypatch.setenv(MULTIPROC_DIR_VARIABLE, "")
    directory = Path(start_multiprocess_mode())
    try:
        assert directory.is_dir()
        assert not any(directory.iterdir())
        assert Path(os.environ[MULTIPROC_DIR_VARIABLE]) == directory
    finally:
        directory.rmdir()


def test_a_named_directory_is_emptied_of_an_earlier_runs_files(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "counter_4242.db").write_bytes(b"old counts")
    monkeypatch.setenv(MULTIPROC_DIR_VARIABLE, str(tmp_path))
    assert start_multiprocess_mode() == str(tmp_path)
    assert not any(tmp_path.iterdir())
