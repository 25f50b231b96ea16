"""Contract: artifacts are published whole and immutable, and attempts resume from a synced prefix."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta

import pytest

from spacetime_service.application.ports.artifact_storage import ArtifactStorage, PartialArtifact
from spacetime_service.domain.errors import Conflict, InvalidInput, NotFound

CREATED = datetime(2025, 5, 1, 12, 0, tzinfo=UTC)
ID = "5f0c8a52-4a4c-4d59-9a52-3e0e9d1f2b61"


def _publish(
    storage: ArtifactStorage, artifact_id: str, content: bytes, created_at: datetime = CREATED
) -> None:
    writer = storage.begin(artifact_id, 1)
    writer.write(content)
    writer.publish(filename="report.csv", content_type="text/csv", created_at=created_at)


def test_a_published_artifact_reads_back_with_its_metadata(storage: ArtifactStorage) -> None:
    writer = storage.begin(ID, 1)
    writer.write(b"date,orders\n")
    writer.write(b"2025-01-01,3\n")
    info = writer.publish(filename="daily.csv", content_type="text/csv; charset=utf-8", created_at=CREATED)

    content = b"date,orders\n2025-01-01,3\n"
    assert info == storage.info(ID)
    assert (info.size, info.etag, info.filename, info.created_at) == (
        len(content), hashlib.sha256(content).hexdigest(), "daily.csv", CREATED,
    )  # fmt: skip
    with storage.open(ID) as file:
        assert file.read() == content
    assert storage.path_for_download(ID).read_bytes() == content


def test_an_unfinished_artifact_is_not_visible(storage: ArtifactStorage) -> None:
    writer = storage.begin(ID, 1)
    writer.write(b"half")
    writer.sync()

    assert storage.info(ID) is None
    with pytest.raises(NotFound):
        storage.open(ID)
    with pytest.raises(NotFound):
        storage.path_for_download(ID)


def test_a_later_attempt_continues_from_the_synced_prefix_only(storage: ArtifactStorage) -> None:
    first = storage.begin(ID, 1)
    first.write(b"chunk-1;")
    partial = first.sync()
    first.write(b"torn chunk-2 that no checkpoint covers")
    first.sync()
    first.close()

    second = storage.begin(ID, 2, partial)
    assert second.length == len(b"chunk-1;")
    second.write(b"chunk-2;")
    second.publish(filename="r.csv", content_type="text/csv", created_at=CREATED)

    with storage.open(ID) as file:
        assert file.read() == b"chunk-1;chunk-2;"
    assert partial == PartialArtifact(ID, 1, 8)


def test_resuming_from_a_partial_that_is_gone_is_not_found(storage: ArtifactStorage) -> None:
    writer = storage.begin(ID, 1)
    writer.write(b"abc")
    partial = writer.sync()
    writer.discard()

    with pytest.raises(NotFound):
        storage.begin(ID, 2, partial)
    with pytest.raises(NotFound):
        storage.begin(ID, 2, PartialArtifact(ID, 7, 0))


def test_a_newer_attempt_removes_older_partials(storage: ArtifactStorage) -> None:
    old = storage.begin(ID, 1)
    old.write(b"abc")
    stale = old.sync()
    old.close()

    storage.begin(ID, 2).close()

    with pytest.raises(NotFound):
        storage.begin(ID, 3, stale)


def test_publishing_other_content_under_a_published_id_is_a_conflict(storage: ArtifactStorage) -> None:
    _publish(storage, ID, b"first")

    again = storage.begin(ID, 2)
    again.write(b"first")
    assert again.publish(
        filename="x", content_type="text/csv", created_at=CREATED + timedelta(days=1)
    ) == storage.info(ID)
    other = storage.begin(ID, 3)
    other.write(b"second")
    with pytest.raises(Conflict):
        other.publish(filename="x", content_type="text/csv", created_at=CREATED)
    with storage.open(ID) as file:
        assert file.read() == b"first"


@pytest.mark.parametrize("artifact_id", ["", "../etc/passwd", "a/b", ".hidden", "a.b", "x" * 129, "ä"])
def test_ids_that_could_name_a_path_are_refused(storage: ArtifactStorage, artifact_id: str) -> None:
    with pytest.raises(InvalidInput):
        storage.begin(artifact_id, 1)
    with pytest.raises(InvalidInput):
        storage.info(artifact_id)
    with pytest.raises(InvalidInput):
        storage.path_for_download(artifact_id)


def test_retention_removes_only_artifacts_created_before_the_cutoff(storage: ArtifactStorage) -> None:
    _publish(storage, "old", b"old", CREATED - timedelta(days=10))
    _publish(storage, "new", b"new", CREATED)

    assert storage.delete_expired(CREATED - timedelta(days=1)) == 1

    assert storage.info("old") is None
    assert storage.info("new") is not None


def test_delete_removes_an_artifact(storage: ArtifactStorage) -> None:
    _publish(storage, ID, b"content")

    assert storage.delete(ID) is True
    assert storage.delete(ID) is False
    assert storage.info(ID) is None
