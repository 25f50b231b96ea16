"""Appends one attempt's bytes to its own temporary file, and publishes the file atomically."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING

from spacetime_service.adapters.disk_faults import translated_disk_errors
from spacetime_service.adapters.durable_files import sync_directory, synced_temporary
from spacetime_service.adapters.filesystem.artifact_metadata import (
    decode_metadata,
    encode_metadata,
    sha256_of,
)
from spacetime_service.application.ports.artifact_storage import ArtifactInfo, PartialArtifact
from spacetime_service.domain.errors import Conflict

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from spacetime_service.adapters.filesystem.artifact_paths import ArtifactPaths

READ_ONLY = 0o444


class FilesystemArtifactWriter:
    """Writes `paths.partial(attempt)`, which is already open and `length` bytes long.

    `publish` fsyncs the file, makes it read-only, renames it to the artifact's data file, writes the
    metadata sidecar through a synced temporary file and a rename, and fsyncs the directory: the
    sidecar appears last, so an artifact with metadata is always complete. Two attempts of a job that
    publish the same id (a stalled one and its successor) wrote the same bytes; the second publish
    then returns the first's metadata, while different content under a published id is a Conflict.
    A full disk is `Unavailable` (transient): the job resumes from its checkpoint once space is freed."""

    def __init__(self, paths: ArtifactPaths, attempt: int, file_descriptor: int, length: int) -> None:
        self._paths = paths
        self._attempt = attempt
        self._file = os.fdopen(file_descriptor, "ab")
        self._length = length

    @property
    def length(self) -> int:
        return self._length

    def write(self, data: bytes) -> None:
        with translated_disk_errors():
            self._file.write(data)
        self._length += len(data)

    def sync(self) -> PartialArtifact:
        with translated_disk_errors():
            self._file.flush()
            os.fsync(self._file.fileno())
        return PartialArtifact(self._paths.artifact_id, self._attempt, self._length)

    def publish(self, *, filename: str, content_type: str, created_at: datetime) -> ArtifactInfo:
        self.sync()
        self._file.close()
        temporary = self._paths.partial(self._attempt)
        info = ArtifactInfo(
            artifact_id=self._paths.artifact_id,
            filename=filename,
            content_type=content_type,
            size=self._length,
            etag=sha256_of(temporary),
            created_at=created_at,
        )
        existing = _published(self._paths)
        if existing is not None:
            temporary.unlink(missing_ok=True)
            if existing.etag != info.etag:
                raise Conflict(f"artifact {self._paths.artifact_id} was already published with other content")
            return existing
        temporary.chmod(READ_ONLY)
        temporary.replace(self._paths.data)
        sidecar = synced_temporary(
            self._paths.directory, f".{self._paths.artifact_id}.", encode_metadata(info)
        )
        sidecar.replace(self._paths.metadata)
        sync_directory(self._paths.directory)
        return info

    def discard(self) -> None:
        self._file.close()
        with contextlib.suppress(FileNotFoundError):
            self._paths.partial(self._attempt).unlink()

    def close(self) -> None:
        self._file.close()


def _published(paths: ArtifactPaths) -> ArtifactInfo | None:
    try:
        return decode_metadata(paths.metadata.read_bytes())
    except FileNotFoundError:
        return None


def copy_prefix(source: Path, target_descriptor: int, length: int) -> None:
    """Copies the first `length` bytes of `source` to the start of the target and fsyncs it; a full
    disk is `Unavailable`."""
    with translated_disk_errors(), source.open("rb") as file:
        left = length
        while left:
            block = file.read(min(left, 1 << 20))
            if not block:
                raise EOFError(f"{source.name} is shorter than {length} bytes")
            view = memoryview(block)
            while view:
                view = view[os.write(target_descriptor, view) :]
            left -= len(block)
        os.fsync(target_descriptor)
