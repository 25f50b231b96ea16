"""Removal of the spill directories that crashed processes left behind.

A spill directory goes away when its operation ends by any route the process survives; a kill -9 or
an out-of-memory kill leaves it on disk. At start-up each process removes the directories whose
owner (named in the directory, see spill_directory.owner_prefix) was a process of this host that
no longer runs. Directories of live processes, of other hosts sharing the storage, and anything not
named like a spill directory are left alone.
"""

from __future__ import annotations

import re
import shutil
from typing import TYPE_CHECKING

import psutil
import structlog

from spacetime_service.adapters.spacetime.spill_directory import owner_prefix

if TYPE_CHECKING:
    from pathlib import Path

_log = structlog.get_logger(__name__)


def remove_orphaned_spill(root: Path) -> int:
    """Removes the spill directories under `root` of this host's dead processes; how many."""
    if not root.is_dir():
        return 0
    host_prefix = owner_prefix().rsplit("-", 2)[0] + "-"
    owned = re.compile(re.escape(host_prefix) + r"(?P<pid>\d+)-[^/]+")
    removed = 0
    for entry in root.iterdir():
        match = owned.fullmatch(entry.name)
        if match is None or entry.is_symlink() or not entry.is_dir():
            continue
        if psutil.pid_exists(int(match["pid"])):
            continue
        shutil.rmtree(entry, ignore_errors=True)
        removed += 1
    if removed:
        _log.info("spill.orphans_removed", directories=removed, root=str(root))
    return removed
