"""Start-up removes the spill directories of dead processes of this host, and nothing else."""

from __future__ import annotations

import subprocess
import sys
from typing import TYPE_CHECKING

from spacetime_service.adapters.spacetime.orphaned_spill import remove_orphaned_spill
from spacetime_service.adapters.spacetime.spill_directory import SpillDirectory, owner_prefix

if TYPE_CHECKING:
    from pathlib import Path

_DIE_SPILLING = """
import os, sys
from pathlib import Path
from spacetime_service.adapters.spacetime.spill_directory import SpillDirectory
SpillDirectory(Path(sys.argv[1])).new_file(".msgpack").write_bytes(b"run")
os._exit(9)  # dies without closing it, as a killed process would
"""


def _orphan_of_a_dead_process(root: Path) -> Path:
    subprocess.run([sys.executable, "-c", _DIE_SPILLING, str(root)], check=False)
    (orphan,) = root.iterdir()
    return orphan


def test_the_directory_of_a_dead_process_is_removed_and_others_stay(tmp_path: Path) -> None:
    root = tmp_path / "spill"
    orphan = _orphan_of_a_dead_process(root)
    assert orphan.name.startswith(owner_prefix().rsplit("-", 2)[0])
    other_host = root / "spill-elsewhere-1-abc"
    other_host.mkdir()
    not_spill = root / "reports"
    not_spill.mkdir()

    with SpillDirectory(root) as live:
        live.new_file(".msgpack").write_bytes(b"mine")
        assert remove_orphaned_spill(root) == 1
        assert live.path is not None
        assert live.path.exists()

    assert not orphan.exists()
    assert other_host.exists()
    assert not_spill.exists()


def test_a_missing_root_is_nothing_to_do(tmp_path: Path) -> None:
    assert remove_orphaned_spill(tmp_path / "absent") == 0
