"""ApiKeyStore in memory, for use-case tests; passes the contract suite in tests/contracts/identity/."""

from __future__ import annotations

import dataclasses
import threading
from typing import TYPE_CHECKING

from spacetime_service.domain.api_keys import StoredApiKey
from spacetime_service.domain.errors import Conflict, NotFound

if TYPE_CHECKING:
    from collections.abc import Sequence
    from datetime import datetime

    from spacetime_service.domain.api_keys import ApiKey


class InMemoryApiKeyStore:
    """Every call holds one lock, which makes it atomic as a SQL transaction is; `writes` counts the
    rows changed, so a test can tell whether a use was recorded."""

    def __init__(self) -> None:
        self.keys: dict[str, StoredApiKey] = {}
        self.writes = 0
        self._lock = threading.Lock()

    def add(self, stored: StoredApiKey) -> None:
        with self._lock:
            if stored.key.id in self.keys:
                raise Conflict("the change clashes with data already stored")
            self.keys[stored.key.id] = stored
            self.writes += 1

    def find(self, key_id: str) -> StoredApiKey | None:
        with self._lock:
            return self.keys.get(key_id)

    def list_keys(self, owner: str | None = None) -> Sequence[ApiKey]:
        with self._lock:
            keys = [s.key for s in self.keys.values() if owner is None or s.key.owner == owner]
        return sorted(keys, key=lambda key: (key.created_at, key.id))

    def revoke(self, key_id: str, at: datetime) -> ApiKey:
        with self._lock:
            stored = self.keys.get(key_id)
            if stored is None:
                raise NotFound(f"API key {key_id} does not exist")
            if stored.key.revoked_at is None:
                stored = self._replace(stored, revoked_at=at)
            return stored.key

    def mark_used(self, key_id: str, at: datetime, *, unless_used_after: datetime) -> None:
        with self._lock:
            stored = self.keys.get(key_id)
            if stored is None:
                return
            last = stored.key.last_used_at
            if last is None or last <= unless_used_after:
                self._replace(stored, last_used_at=at)

    def _replace(self, stored: StoredApiKey, **changes: datetime) -> StoredApiKey:
        new = StoredApiKey(dataclasses.replace(stored.key, **changes), stored.secret_hash)  # type: ignore[arg-type]
        self.keys[stored.key.id] = new
        self.writes += 1
        return new
