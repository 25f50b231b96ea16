"""ApiKeyStore contract: the in-memory fake, SQLite and PostgreSQL keep keys alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import pytest

from spacetime_service.domain.api_keys import ApiKey, StoredApiKey
from spacetime_service.domain.errors import Conflict, NotFound
from spacetime_service.domain.identity import EVERY_SCOPE_BUT_ADMIN, Scope

if TYPE_CHECKING:
    from spacetime_service.application.ports.api_key_store import ApiKeyStore

START = datetime(2025, 3, 1, 12, 0, 0, 123456, tzinfo=UTC)
HASH = "ab" * 32


def stored(key_id: str, owner: str = "etl", minutes: int = 0) -> StoredApiKey:
    key = ApiKey(
        id=key_id,
        owner=owner,
        scopes=frozenset({Scope.CATALOG_READ, Scope.JOBS_WRITE}),
        created_at=START + timedelta(minutes=minutes),
        expires_at=START + timedelta(days=30),
    )
    return StoredApiKey(key, HASH)


def test_an_added_key_reads_back_equal_with_its_hash(store: ApiKeyStore) -> None:
    store.add(stored("k1"))

    assert store.find("k1") == stored("k1")
    assert store.find("k2") is None


def test_every_scope_and_a_key_without_expiry_read_back_equal(store: ApiKeyStore) -> None:
    key = ApiKey("k1", "etl", EVERY_SCOPE_BUT_ADMIN | {Scope.ADMIN}, START)
    store.add(StoredApiKey(key, HASH))

    assert store.find("k1") == StoredApiKey(key, HASH)


def test_adding_an_id_twice_is_a_conflict(store: ApiKeyStore) -> None:
    store.add(stored("k1"))

    with pytest.raises(Conflict):
        store.add(stored("k1", owner="other"))
    assert store.find("k1") == stored("k1")


def test_keys_list_oldest_first_for_everyone_or_one_owner(store: ApiKeyStore) -> None:
    for key_id, owner, minutes in [("k3", "etl", 2), ("k1", "bi", 0), ("k2", "etl", 1), ("k0", "etl", 1)]:
        store.add(stored(key_id, owner, minutes))

    assert [key.id for key in store.list_keys()] == ["k1", "k0", "k2", "k3"]
    assert [key.id for key in store.list_keys("etl")] == ["k0", "k2", "k3"]
    assert store.list_keys("nobody") == []


def test_revoking_keeps_the_first_revocation_time(store: ApiKeyStore) -> None:
    store.add(stored("k1"))
    first = START + timedelta(hours=1)

    revoked = store.revoke("k1", first)
    again = store.revoke("k1", first + timedelta(hours=1))

    assert revoked.revoked_at == first
    assert again.revoked_at == first
    found = store.find("k1")
    assert found is not None
    assert found.key.revoked_at == first


def test_revoking_an_unknown_key_is_not_found(store: ApiKeyStore) -> None:
    with pytest.raises(NotFound):
        store.revoke("nope", START)


def test_a_use_is_recorded_unless_one_was_recorded_later_than_the_bound(store: ApiKeyStore) -> None:
    store.add(stored("k1"))
    used = START + timedelta(minutes=5)

    store.mark_used("k1", used, unless_used_after=used - timedelta(minutes=1))
    store.mark_used("k1", used + timedelta(seconds=30), unless_used_after=used - timedelta(seconds=30))

    found = store.find("k1")
    assert found is not None
    assert found.key.last_used_at == used
    later = used + timedelta(minutes=1)
    store.mark_used("k1", later, unless_used_after=used)
    found = store.find("k1")
    assert found is not None
    assert found.key.last_used_at == later


def test_marking_an_unknown_key_changes_nothing(store: ApiKeyStore) -> None:
    store.mark_used("nope", START, unless_used_after=START)

    assert store.find("nope") is None
    assert store.list_keys() == []
