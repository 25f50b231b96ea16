"""CreateApiKey: a new key for a service account, whose text is shown once and never stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING

from spacetime_service.application.identity.key_format import new_key_text
from spacetime_service.domain.api_keys import ApiKey, StoredApiKey
from spacetime_service.domain.errors import InvalidInput
from spacetime_service.domain.identity import EVERY_SCOPE_BUT_ADMIN, Scope

if TYPE_CHECKING:
    from spacetime_service.application.ports.api_key_store import ApiKeyStore
    from spacetime_service.application.ports.clock import Clock


@dataclass(frozen=True, slots=True)
class CreateApiKeyCommand:
    owner: str
    scopes: frozenset[Scope] | None = None
    expires_in: timedelta | None = None


@dataclass(frozen=True, slots=True)
class NewApiKey:
    key: ApiKey
    text: str


class CreateApiKey:
    """A key speaks for `owner` with the scopes given, or every scope but `admin` when none are given;
    it expires `expires_in` after its creation, or never. Only the hash of its secret is stored, so the
    text returned here cannot be shown again."""

    def __init__(self, store: ApiKeyStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def execute(self, command: CreateApiKeyCommand) -> NewApiKey:
        if command.expires_in is not None and command.expires_in <= timedelta(0):
            raise InvalidInput("a key's lifetime must be positive", field="expires_in")
        now = self._clock.now()
        text = new_key_text()
        key = ApiKey(
            id=text.key_id,
            owner=command.owner,
            scopes=EVERY_SCOPE_BUT_ADMIN if command.scopes is None else command.scopes,
            created_at=now,
            expires_at=None if command.expires_in is None else now + command.expires_in,
        )
        self._store.add(StoredApiKey(key, text.secret_hash))
        return NewApiKey(key, str(text))
