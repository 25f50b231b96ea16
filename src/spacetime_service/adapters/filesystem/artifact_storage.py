"""Artifacts as files in one directory: `<id>.data` (read-only) beside its `<id>.meta.json`."""

from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, BinaryIO

from spacetime_service.adapters.durable_files import sync_directory
from spacetime_service.adapters.filesystem.artifact_metadata import decode_metadata
from spacetime_service.adapters.filesystem.artifact_paths import (
    DATA_SUFFIX,
    METADATA_SUFFIX,
    PARTIAL_SUFFIX,
    ArtifactPaths,
)
from spacetime_service.adapters.filesystem.artifact_writer import FilesystemArtifactWriter, copy_prefix
from spacetime_service.adapters.process_owner import process_tag
from spacetime_service.domain.errors import NotFound

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from spacetime_service.application.ports.artifact_storage import ArtifactInfo, PartialArtifact

_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_APPEND


class FilesystemArtifactStorage:
    """An ArtifactStorage in `directory` (created when missing). Names come from validated ids only;
    nothing a client sends becomes part of a path. See FilesystemArtifactWriter for how a file is
    published, and the port for how attempts resume.

    With `owned_partials`, a temporary file also names the host and pid of the process that writes
    it (for files that only their writer resumes, such as staged uploads), so that
    orphaned_partials can remove, at start-up, those that crashed processes of this host left."""

    def __init__(self, directory: Path, *, owned_partials: bool = False) -> None:
        self._directory = directory
        self._owned_partials = owned_partials

    def begin(
        self, artifact_id: str, attempt: int, resume: PartialArtifact | None = None
    ) -> FilesystemArtifactWriter:
        owner = process_tag() if self._owned_partials else ""
        paths = ArtifactPaths.of(self._directory, artifact_id, owner)
        self._directory.mkdir(parents=True, exist_ok=True)
        own = paths.partial(attempt)
        if resume is None:
            descriptor = os.open(own, _NEW_FILE, 0o644)
        elif paths.partial(resume.attempt) == own:
            # The same attempt starts again: its file is cut back to what its checkpoint covers.
            os.truncate(own, _checked_length(own, resume))
            descriptor = os.open(own, os.O_WRONLY | os.O_APPEND)
        else:
            source = paths.partial(resume.attempt)
            length = _checked_length(source, resume)
            descriptor = os.open(own, _NEW_FILE, 0o644)
            try:
                copy_prefix(source, descriptor, length)
            except BaseException:
                os.close(descriptor)
                raise
        for other in paths.partials():
            if other != own:
                other.unlink(missing_ok=True)
        sync_directory(self._directory)
        return FilesystemArtifactWriter(paths, attempt, descriptor, 0 if resume is None else resume.length)

    def info(self, artifact_id: str) -> ArtifactInfo | None:
        paths = ArtifactPaths.of(self._directory, artifact_id)
        try:
            return decode_metadata(paths.metadata.read_bytes())
        except FileNotFoundError:
            return None

    def open(self, artifact_id: str) -> BinaryIO:
        return self.path_for_download(artifact_id).open("rb")

    def path_for_download(self, artifact_id: str) -> Path:
        paths = ArtifactPaths.of(self._directory, artifact_id)
        if not paths.metadata.exists() or not paths.data.exists():
            raise NotFound(f"no artifact with id {artifact_id}")
        return paths.data

    def delete(self, artifact_id: str) -> bool:
        paths = ArtifactPaths.of(self._directory, artifact_id)
        removed = False
        # The sidecar goes first: from then on the artifact reads as absent, whatever follows.
        for path in (paths.metadata, paths.data, *paths.partials()):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                removed = True
        if removed:
            sync_directory(self._directory)
        return removed

    def delete_expired(self, older_than: datetime) -> int:
        if not self._directory.is_dir():
            return 0
        removed = 0
        for sidecar in sorted(self._directory.glob(f"*{METADATA_SUFFIX}")):
            with contextlib.suppress(FileNotFoundError, ValueError, KeyError):
                if decode_metadata(sidecar.read_bytes()).created_at < older_than:
                    removed += self.delete(sidecar.name.removesuffix(METADATA_SUFFIX))
        cutoff = older_than.timestamp()
        leftovers = [*self._directory.glob(f".*{PARTIAL_SUFFIX}"), *self._directory.glob(f"*{DATA_SUFFIX}")]
        for path in leftovers:
            orphan = (
                path.suffix == PARTIAL_SUFFIX
                or not path.with_name(path.name.removesuffix(DATA_SUFFIX) + METADATA_SUFFIX).exists()
            )
            with contextlib.suppress(FileNotFoundError):
                if orphan and path.stat().st_mtime < cutoff:
                    path.unlink()
        return removed


def _checked_length(source: Path, resume: PartialArtifact) -> int:
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        size = -1
    if size < resume.length:
        raise NotFound(f"the partial file of attempt {resume.attempt} of {resume.artifact_id} is gone")
    return resume.length
