"""The ArtifactStorage contract suite runs against the in-memory fake and the filesystem adapter."""

from __future__ import annotations

from pathlib import Path

import pytest

from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage
from spacetime_service.application.ports.artifact_storage import ArtifactStorage
from tests.fakes.artifacts import FakeArtifactStorage


@pytest.fixture(params=["fake", "filesystem"])
def storage(request: pytest.FixtureRequest, tmp_path: Path) -> ArtifactStorage:
    if request.param == "fake":
        return FakeArtifactStorage(tmp_path / "downloads")
    return FilesystemArtifactStorage(tmp_path / "artifacts")
