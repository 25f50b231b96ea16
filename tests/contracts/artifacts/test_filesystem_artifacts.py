"""What only the filesystem adapter shows: file names, modes and the absence of leftovers."""

from __future__ import annotations

import os
import stat
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from spacetime_service.adapters.filesystem.artifact_storage import FilesystemArtifactStorage

if TYPE_CHECKING:
    from pathlib import Path

CREATED = datetime(2025, 5, 1, tzinfo=UTC)


def test_a_published_file_is_read_only_and_named_by_its_id(tmp_path: Path) -> None:
    storage = FilesystemArtifactStorage(tmp_path)
    writer = storage.begin("abc-1", 3)
    writer.write(b"data")
    writer.publish(filename="../../evil.csv", content_type="text/csv", created_at=CREATED)

    assert sorted(path.name for path in tmp_path.iterdir()) == ["abc-1.data", "abc-1.meta.json"]
    mode = stat.S_IMODE((tmp_path / "abc-1.data").stat().st_mode)
    assert mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) == 0


def test_a_kept_partial_survives_for_resume_and_a_discarded_one_does_not(tmp_path: Path) -> None:
    storage = FilesystemArtifactStorage(tmp_path)
    kept = storage.begin("kept", 1)
    kept.write(b"x")
    kept.sync()
    kept.close()
    dropped = storage.begin("dropped", 1)
    dropped.write(b"y")
    dropped.discard()

    assert [path.name for path in tmp_path.iterdir()] == [".kept.1.partial"]


def test_retention_sweeps_old_partials(tmp_path: Path) -> None:
    storage = FilesystemArtifactStorage(tmp_path)
    storage.begin("stale", 1).close()
    past = (datetime.now(UTC) - timedelta(days=30)).timestamp()
    os.utime(tmp_path / ".stale.1.partial", (past, past))

    storage.delete_expired(datetime.now(UTC) - timedelta(days=7))

    assert list(tmp_path.iterdir()) == []
