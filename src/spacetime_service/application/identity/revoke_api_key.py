"""RevokeApiKey: a key stops working at once, in every process."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacetime_service.application.ports.api_key_store import ApiKeyStore
    from spacetime_service.application.ports.clock import Clock
    from spacetime_service.domain.api_keys import ApiKey


@dataclass(frozen=True, slots=True)
class RevokeApiKeyCommand:
    key_id: str


class RevokeApiKey:
    """Marks the key revoked now; revoking it again keeps the first time. Every verification reads the
    stored row, so no process accepts the key after this returns. `NotFound` for an unknown id."""

    def __init__(self, store: ApiKeyStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def execute(self, command: RevokeApiKeyCommand) -> ApiKey:
        return self._store.revoke(command.key_id, self._clock.now())
