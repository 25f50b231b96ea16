"""The JSON sidecar of a published artifact, and the digest that serves as its ETag."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from spacetime_service.application.ports.artifact_storage import ArtifactInfo

if TYPE_CHECKING:
    from pathlib import Path

_BLOCK_BYTES = 1 << 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while block := file.read(_BLOCK_BYTES):
            digest.update(block)
    return digest.hexdigest()


def encode_metadata(info: ArtifactInfo) -> bytes:
    document = {
        "artifact_id": info.artifact_id,
        "filename": info.filename,
        "content_type": info.content_type,
        "size": info.size,
        "sha256": info.etag,
        "created_at": info.created_at.astimezone(UTC).isoformat(),
    }
    return json.dumps(document, sort_keys=True).encode()


def decode_metadata(data: bytes) -> ArtifactInfo:
    document = json.loads(data)
    return ArtifactInfo(
        artifact_id=str(document["artifact_id"]),
        filename=str(document["filename"]),
        content_type=str(document["content_type"]),
        size=int(document["size"]),
        etag=str(document["sha256"]),
        created_at=datetime.fromisoformat(document["created_at"]),
    )
