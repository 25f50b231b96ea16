"""The files of one artifact, named from its id only once the id is known to be a safe token."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacetime_service.domain.errors import InvalidInput

if TYPE_CHECKING:
    from pathlib import Path

# UUIDs and similar tokens: no dot, no slash, nothing a path could be made of.
_SAFE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,127}")
DATA_SUFFIX = ".data"
METADATA_SUFFIX = ".meta.json"
PARTIAL_SUFFIX = ".partial"


def require_artifact_id(artifact_id: str) -> str:
    if not _SAFE_ID.fullmatch(artifact_id):
        raise InvalidInput("an artifact id is 1 to 128 letters, digits, '-' or '_'", field="artifact_id")
    return artifact_id


@dataclass(frozen=True, slots=True)
class ArtifactPaths:
    """`data` is the published content and `metadata` its JSON sidecar; temporary files are hidden
    (a leading dot) and carry the attempt that writes them: `.<id>.<attempt>.partial`, or, with an
    `owner` (`<host>-<pid>` of the writing process), `.<id>.<attempt>.<owner>.partial`."""

    directory: Path
    artifact_id: str
    owner: str = ""

    @classmethod
    def of(cls, directory: Path, artifact_id: str, owner: str = "") -> ArtifactPaths:
        return cls(directory, require_artifact_id(artifact_id), owner)

    @property
    def data(self) -> Path:
        return self.directory / f"{self.artifact_id}{DATA_SUFFIX}"

    @property
    def metadata(self) -> Path:
        return self.directory / f"{self.artifact_id}{METADATA_SUFFIX}"

    def partial(self, attempt: int) -> Path:
        owner = f".{self.owner}" if self.owner else ""
        return self.directory / f".{self.artifact_id}.{int(attempt)}{owner}{PARTIAL_SUFFIX}"

    def partials(self) -> list[Path]:
        return sorted(self.directory.glob(f".{self.artifact_id}.*{PARTIAL_SUFFIX}"))
