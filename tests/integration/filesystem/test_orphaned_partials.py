"""Start-up removes the partial staged uploads of dead processes of this host, and nothing else."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from fastapi.testclient import TestClient
from pydantic import SecretStr

from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage
from spacetime_service.adapters.filesystem.orphaned_partials import remove_orphaned_partials
from spacetime_service.adapters.process_owner import host_tag, process_tag
from spacetime_service.bootstrap.containers.root import build_container
from spacetime_service.bootstrap.import_settings import ImportSettings
from spacetime_service.bootstrap.settings import ApiSettings, DatabaseSettings, Settings
from spacetime_service.entrypoints.http.app import create_app

if TYPE_CHECKING:
    from pathlib import Path

_DIE_STAGING = """
import os, sys
from pathlib import Path
from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage
writer = FilesystemArtifactStorage(Path(sys.argv[1]), owned_partials=True).begin("dead-upload", 0)
writer.write(b'{"sku": "A-1"}\\n')
writer.sync()
os._exit(9)  # dies mid-upload without discarding it, as a killed process would
"""


def _partial_of_a_dead_process(directory: Path) -> tuple[Path, int]:
    process = subprocess.run([sys.executable, "-c", _DIE_STAGING, str(directory)], check=False)
    assert process.returncode == 9
    (partial,) = directory.glob(".dead-upload.*")
    return partial, int(partial.name.removesuffix(".partial").rsplit("-", 1)[1])


def _finished(storage: FilesystemArtifactStorage, upload_id: str) -> None:
    writer = storage.begin(upload_id, 0)
    writer.write(b"{}\n")
    writer.publish(
        filename=f"{upload_id}.ndjson", content_type="application/x-ndjson", created_at=datetime.now(UTC)
    )


def test_a_partial_upload_names_its_host_and_process(tmp_path: Path) -> None:
    writer = FilesystemArtifactStorage(tmp_path, owned_partials=True).begin("upload", 0)
    try:
        assert [path.name for path in tmp_path.iterdir()] == [f".upload.0.{process_tag()}.partial"]
    finally:
        writer.discard()


def test_only_the_partial_upload_of_a_dead_process_of_this_host_is_removed(tmp_path: Path) -> None:
    storage = FilesystemArtifactStorage(tmp_path, owned_partials=True)
    orphan, dead_pid = _partial_of_a_dead_process(tmp_path)
    other_host = tmp_path / f".far-upload.0.elsewhere-{dead_pid}.partial"
    other_host.write_bytes(b"theirs")
    unowned = tmp_path / ".report.0.partial"
    unowned.write_bytes(b"a report's attempt")
    _finished(storage, "staged-upload")
    live = storage.begin("live-upload", 0)
    try:
        assert remove_orphaned_partials(tmp_path) == 1
        assert len(list(tmp_path.glob(".live-upload.*.partial"))) == 1
    finally:
        live.discard()

    assert not orphan.exists()
    assert other_host.exists()
    assert unowned.exists()
    assert storage.info("staged-upload") is not None
    assert (tmp_path / "staged-upload.data").exists()


def test_the_api_start_up_removes_them(tmp_path: Path) -> None:
    staging = tmp_path / "imports"
    orphan, _ = _partial_of_a_dead_process(staging)
    assert host_tag() in orphan.name
    settings = Settings(
        database=DatabaseSettings(DATABASE_URL=f"sqlite:///{tmp_path / 'app.db'}"),
        api=ApiSettings(cursor_secret=SecretStr("integration-test-secret")),
        imports=ImportSettings(staging=staging),
    )
    with TestClient(create_app(build_container(settings))):
        assert not orphan.exists()


def test_a_missing_directory_is_nothing_to_do(tmp_path: Path) -> None:
    assert remove_orphaned_partials(tmp_path / "absent") == 0
