"""Port: files that jobs produce (reports), written resumably and immutable once published.

An artifact is addressed by its id only (a token of letters, digits, `-` and `_`), never by a path a
client chose. A writer belongs to one attempt of one job and appends to a temporary file of its own;
`sync` makes what it wrote durable and says how far it got, which the job keeps in its checkpoint. A
later attempt resumes from such a `PartialArtifact`: its own file starts as that prefix, so a stalled
predecessor that still writes cannot touch it. `publish` makes the file durable and renames it into
place, read-only, with its metadata; readers never see an unfinished artifact.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Protocol, runtime_checkable

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path


@dataclass(frozen=True, slots=True)
class PartialArtifact:
    """The first `length` bytes of attempt `attempt`'s temporary file are durable."""

    artifact_id: str
    attempt: int
    length: int


@dataclass(frozen=True, slots=True)
class ArtifactInfo:
    """`etag` is the lower-case hex SHA-256 of the content."""

    artifact_id: str
    filename: str
    content_type: str
    size: int
    etag: str
    created_at: datetime


@runtime_checkable
class ArtifactWriter(Protocol):
    @property
    def length(self) -> int:
        """Bytes written so far."""

    def write(self, data: bytes) -> None: ...

    def sync(self) -> PartialArtifact:
        """Flushes and fsyncs what was written; the result is what a checkpoint records."""

    def publish(self, *, filename: str, content_type: str, created_at: datetime) -> ArtifactInfo:
        """Fsyncs, renames the file into place read-only, stores its metadata; the writer is closed.
        Publishing an id again replaces nothing: `Conflict`."""

    def discard(self) -> None:
        """Closes the writer and removes its temporary file (a cancelled or failed job)."""

    def close(self) -> None:
        """Closes the writer and keeps its temporary file, for a later attempt to resume from."""


@runtime_checkable
class ArtifactStorage(Protocol):
    def begin(self, artifact_id: str, attempt: int, resume: PartialArtifact | None = None) -> ArtifactWriter:
        """A writer on a new temporary file of this attempt. With `resume`, the file starts as the first
        `resume.length` bytes of that attempt's temporary file; `NotFound` when that file is gone or
        shorter (the caller starts over). Temporary files of other attempts of the id are removed.
        `InvalidInput` for an id that is not a valid token."""

    def info(self, artifact_id: str) -> ArtifactInfo | None:
        """The metadata of the published artifact, or None."""

    def open(self, artifact_id: str) -> BinaryIO:
        """The published content for reading; `NotFound` when there is none."""

    def path_for_download(self, artifact_id: str) -> Path:
        """The published file's path (for a file response with ranges); `NotFound` when there is none."""

    def delete(self, artifact_id: str) -> bool:
        """Removes the published artifact and any temporary file of it; whether anything was removed."""

    def delete_expired(self, older_than: datetime) -> int:
        """Removes artifacts created before `older_than`, and temporary files last written before it;
        returns how many artifacts were removed."""
