"""SpillUsage of a directory tree: the spill storage with every operation's private directory."""

from __future__ import annotations

import os
from pathlib import Path

from spacetime_service.application.ports.spill_usage import DiskUsage


class DirectorySpillUsage:
    """Sums the sizes of regular files under `root`, never following symbolic links. Files that vanish
    while being counted (an operation finishing) are skipped, and unreadable directories count as empty."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def usage(self) -> DiskUsage:
        files = size = 0
        pending = [self._root]
        while pending:
            try:
                entries = list(os.scandir(pending.pop()))
            except OSError:
                continue
            for entry in entries:
                try:
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(Path(entry.path))
                    elif entry.is_file(follow_symlinks=False):
                        size += entry.stat(follow_symlinks=False).st_size
                        files += 1
                except OSError:
                    continue
        return DiskUsage(files, size)
