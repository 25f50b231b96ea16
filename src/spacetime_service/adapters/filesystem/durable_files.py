"""Writing files that survive a crash: data fsynced under a temporary name, then renamed into place,
and the directory fsynced so that the rename itself is durable."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def synced_temporary(directory: Path, prefix: str, data: bytes) -> Path:
    """A new file in `directory` (so that a rename to its final name is atomic) holding `data` on disk."""
    descriptor, name = tempfile.mkstemp(dir=directory, prefix=prefix, suffix=".tmp")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(name)
        raise
    return Path(name)


def sync_directory(directory: Path) -> None:
    """Makes the renames and unlinks done in `directory` durable."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
