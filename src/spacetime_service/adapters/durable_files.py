"""Files that survive a crash: data fsynced under a temporary name in the target's directory, renamed
into place, and the directory fsynced so that the rename itself is durable. Shared by every adapter that
writes files (artifacts, staged uploads, models), so that each keeps to the same rule. A full disk is
`Unavailable` (see disk_faults)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from spacetime_service.adapters.disk_faults import translated_disk_errors


def synced_temporary(directory: Path, prefix: str, data: bytes) -> Path:
    """A new file in `directory` (so that a rename to its final name is atomic) holding `data` on disk."""
    descriptor, name = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=".tmp")
    temporary = Path(name)
    try:
        with translated_disk_errors(), os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return temporary


def write_atomically(path: Path, data: bytes) -> None:
    """After a crash, `path` holds either its old content or `data`, never a part of it."""
    temporary = synced_temporary(path.parent, f".{path.name}.", data)
    try:
        temporary.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temporary.unlink()
        raise
    sync_directory(path.parent)


def sync_directory(directory: Path) -> None:
    """Makes the renames and unlinks done in `directory` durable."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
