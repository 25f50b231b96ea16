"""An in-memory ArtifactStorage for use-case tests; it passes the contract suite of the filesystem
adapter (tests/contracts/artifacts)."""

from __future__ import annotations

import hashlib
import io
from typing import TYPE_CHECKING, BinaryIO

from spacetime_service.adapters.filesystem.artifact_paths import require_artifact_id
from spacetime_service.application.ports.artifact_storage import ArtifactInfo, PartialArtifact
from spacetime_service.domain.errors import Conflict, NotFound

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path


class FakeArtifactWriter:
    def __init__(self, storage: FakeArtifactStorage, artifact_id: str, attempt: int, prefix: bytes) -> None:
        self._storage = storage
        self._key = (artifact_id, attempt)
        self._buffer = bytearray(prefix)
        self._durable = len(prefix)
        storage.partials[self._key] = bytes(prefix)

    @property
    def length(self) -> int:
        return len(self._buffer)

    def write(self, data: bytes) -> None:
        self._buffer += data

    def sync(self) -> PartialArtifact:
        self._storage.partials[self._key] = bytes(self._buffer)
        return PartialArtifact(self._key[0], self._key[1], len(self._buffer))

    def publish(self, *, filename: str, content_type: str, created_at: datetime) -> ArtifactInfo:
        content = bytes(self._buffer)
        self._storage.partials.pop(self._key, None)
        info = ArtifactInfo(
            self._key[0],
            filename,
            content_type,
            len(content),
            hashlib.sha256(content).hexdigest(),
            created_at,
        )
        existing = self._storage.published.get(self._key[0])
        if existing is not None:
            if existing[1].etag != info.etag:
                raise Conflict(f"artifact {self._key[0]} was already published with other content")
            return existing[1]
        self._storage.published[self._key[0]] = (content, info)
        return info

    def discard(self) -> None:
        self._storage.partials.pop(self._key, None)

    def close(self) -> None:
        """What was synced stays, as on disk; unsynced bytes are lost with the writer."""


class FakeArtifactStorage:
    """Published artifacts and synced partial files in dicts. `path_for_download` writes the content
    to `download_directory`, since a download needs a real file."""

    def __init__(self, download_directory: Path) -> None:
        self._downloads = download_directory
        self.partials: dict[tuple[str, int], bytes] = {}
        self.published: dict[str, tuple[bytes, ArtifactInfo]] = {}

    def begin(
        self, artifact_id: str, attempt: int, resume: PartialArtifact | None = None
    ) -> FakeArtifactWriter:
        require_artifact_id(artifact_id)
        prefix = b""
        if resume is not None:
            source = self.partials.get((artifact_id, resume.attempt))
            if source is None or len(source) < resume.length:
                raise NotFound(f"the partial file of attempt {resume.attempt} of {artifact_id} is gone")
            prefix = source[: resume.length]
        for key in [key for key in self.partials if key[0] == artifact_id]:
            del self.partials[key]
        return FakeArtifactWriter(self, artifact_id, attempt, prefix)

    def info(self, artifact_id: str) -> ArtifactInfo | None:
        found = self.published.get(require_artifact_id(artifact_id))
        return None if found is None else found[1]

    def open(self, artifact_id: str) -> BinaryIO:
        return io.BytesIO(self._content(artifact_id))

    def path_for_download(self, artifact_id: str) -> Path:
        content = self._content(artifact_id)
        self._downloads.mkdir(parents=True, exist_ok=True)
        path = self._downloads / artifact_id
        path.write_bytes(content)
        return path

    def delete(self, artifact_id: str) -> bool:
        require_artifact_id(artifact_id)
        partials = [key for key in self.partials if key[0] == artifact_id]
        for key in partials:
            del self.partials[key]
        return self.published.pop(artifact_id, None) is not None or bool(partials)

    def delete_expired(self, older_than: datetime) -> int:
        expired = [key for key, (_, info) in self.published.items() if info.created_at < older_than]
        for key in expired:
            del self.published[key]
        return len(expired)

    def _content(self, artifact_id: str) -> bytes:
        found = self.published.get(require_artifact_id(artifact_id))
        if found is None:
            raise NotFound(f"no artifact with id {artifact_id}")
        return found[0]
