"""Port: the API keys of service accounts, with the hash of each key's secret.

Every call is one short transaction and reads the stored row, never a cache: a key revoked by one
process is refused by every other at its next use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from spacetime_service.domain.api_keys import ApiKey, StoredApiKey


@runtime_checkable
class ApiKeyStore(Protocol):
    def add(self, stored: StoredApiKey) -> None:
        """Stores a new key; `Conflict` if a key with its id exists."""

    def find(self, key_id: str) -> StoredApiKey | None:
        """The key with this id and its secret's hash, or None."""

    def list_keys(self, owner: str | None = None) -> Sequence[ApiKey]:
        """Every key (of `owner`, when given), oldest first by (created_at, id)."""

    def revoke(self, key_id: str, at: datetime) -> ApiKey:
        """Marks the key revoked at `at` and returns it; a key revoked before keeps its first
        revocation time. `NotFound` if there is no such key."""

    def mark_used(self, key_id: str, at: datetime, *, unless_used_after: datetime) -> None:
        """Records a use at `at`, unless the recorded last use is later than `unless_used_after`: a
        conditional write, so that processes verifying the same key at once write it once. An unknown
        key is left alone."""
