"""An ArtifactStorage that forwards to a real one, for tests that make one of its writers misbehave:
a subclass overrides `wrap` to hand out its own writer, usually a ForwardingWriter with one method
changed."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path
    from typing import BinaryIO

    from spacetime_service.application.ports.artifact_storage import (
        ArtifactInfo,
        ArtifactStorage,
        ArtifactWriter,
        PartialArtifact,
    )


class ForwardingWriter:
    """An ArtifactWriter that does what the writer it wraps does."""

    def __init__(self, inner: ArtifactWriter) -> None:
        self._inner = inner

    @property
    def length(self) -> int:
        return self._inner.length

    def write(self, data: bytes) -> None:
        self._inner.write(data)

    def sync(self) -> PartialArtifact:
        return self._inner.sync()

    def publish(self, *, filename: str, content_type: str, created_at: datetime) -> ArtifactInfo:
        return self._inner.publish(filename=filename, content_type=content_type, created_at=created_at)

    def discard(self) -> None:
        self._inner.discard()

    def close(self) -> None:
        self._inner.close()


class ForwardingArtifacts:
    """An ArtifactStorage that does what `storage` does, with every writer passed through `wrap`."""

    def __init__(self, storage: ArtifactStorage) -> None:
        self._storage = storage

    def wrap(self, writer: ArtifactWriter) -> ArtifactWriter:
        return writer

    def begin(self, artifact_id: str, attempt: int, resume: PartialArtifact | None = None) -> ArtifactWriter:
        return self.wrap(self._storage.begin(artifact_id, attempt, resume))

    def info(self, artifact_id: str) -> ArtifactInfo | None:
        return self._storage.info(artifact_id)

    def open(self, artifact_id: str) -> BinaryIO:
        return self._storage.open(artifact_id)

    def path_for_download(self, artifact_id: str) -> Path:
        return self._storage.path_for_download(artifact_id)

    def delete(self, artifact_id: str) -> bool:
        return self._storage.delete(artifact_id)

    def delete_expired(self, older_than: datetime) -> int:
        return self._storage.delete_expired(older_than)
