"""The ArtifactStorage contract suite runs against the in-memory fake and the filesystem adapter (also
with owned partial files, as staged uploads use it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage
from tests.fakes.artifacts import FakeArtifactStorage

if TYPE_CHECKING:
    from pathlib import Path

    from spacetime_service.application.ports.artifact_storage import ArtifactStorage


@pytest.fixture(params=["fake", "filesystem", "filesystem-owned"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> ArtifactStorage:
    if request.param == "fake":
        return FakeArtifactStorage(tmp_path / "downloads")
    owned = request.param == "filesystem-owned"
    return FilesystemArtifactStorage(tmp_path / "artifacts", owned_partials=owned)
