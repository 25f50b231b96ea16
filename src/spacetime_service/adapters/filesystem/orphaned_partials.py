"""Removal of the owned temporary files (partial staged uploads) that crashed processes left behind.

A partial upload goes away when its upload is published or refused by any route the process
survives; a kill -9 or an out-of-memory kill leaves it on disk until the retention removes it. At
start-up each process removes the partial files whose owner (named in the file, see
ArtifactPaths.partial) was a process of this host that no longer runs. Partial files of live
processes, of other hosts sharing the directory, without an owner, and published files are left alone.
"""

from __future__ import annotations

import contextlib
import re
from typing import TYPE_CHECKING

import structlog

from spacetime_service.adapters.durable_files import sync_directory
from spacetime_service.adapters.filesystem.artifact_paths import PARTIAL_SUFFIX
from spacetime_service.adapters.process_owner import is_dead_here

if TYPE_CHECKING:
    from pathlib import Path

_log = structlog.get_logger(__name__)
# `.<id>.<attempt>.<host>-<pid>.partial`; a host tag has no `-` (process_owner.host_tag).
_OWNED_PARTIAL = re.compile(
    r"\.[A-Za-z0-9][A-Za-z0-9_-]{0,127}\.\d+\.(?P<host>[A-Za-z0-9_]+)-(?P<pid>\d+)"
    + re.escape(PARTIAL_SUFFIX)
)


def remove_orphaned_partials(directory: Path) -> int:
    """Removes the owned partial files in `directory` of this host's dead processes; how many."""
    if not directory.is_dir():
        return 0
    removed = 0
    for entry in directory.iterdir():
        match = _OWNED_PARTIAL.fullmatch(entry.name)
        if match is None or entry.is_symlink() or not entry.is_file():
            continue
        if not is_dead_here(match["host"], int(match["pid"])):
            continue
        with contextlib.suppress(FileNotFoundError):
            entry.unlink()
            removed += 1
    if removed:
        sync_directory(directory)
        _log.info("staging.orphans_removed", files=removed, directory=str(directory))
    return removed
