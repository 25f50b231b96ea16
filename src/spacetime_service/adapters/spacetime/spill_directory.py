"""A private directory for one operation's spill files."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from spacetime_service.adapters.process_owner import process_tag
from spacetime_service.adapters.spacetime.closed_on_exit import ClosedOnExit


def owner_prefix() -> str:
    """`spill-<host>-<pid>-`: the start of this process's spill directory names, which lets a later
    process on the same host tell the directories of a crashed process from those of a live one."""
    return f"spill-{process_tag()}-"


class SpillDirectory(ClosedOnExit):
    """Created on the first file it names, mode 0700 with an unpredictable name under `root`, and
    removed with everything in it on `close()` (or when a `with` block is left, by any route).

    Only the paths handed out here are ever opened, so nothing planted in `root`, or in a directory of
    another operation, is read.
    """

    def __init__(self, root: Path) -> None:
        self._root = root
        self._path: Path | None = None
        self._files = 0

    @property
    def path(self) -> Path | None:
        """The directory, or None while no file has been named (or after close)."""
        return self._path

    def new_file(self, suffix: str) -> Path:
        if self._path is None:
            self._root.mkdir(mode=0o700, parents=True, exist_ok=True)
            # mkdtemp creates the directory 0700 with a random name, and fails rather than reuse one.
            self._path = Path(tempfile.mkdtemp(prefix=owner_prefix(), dir=self._root))
        self._files += 1
        return self._path / f"run-{self._files:06d}{suffix}"

    def close(self) -> None:
        if self._path is not None:
            path, self._path = self._path, None
            shutil.rmtree(path)
