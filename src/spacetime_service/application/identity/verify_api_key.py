"""VerifyApiKey: the principal an API key speaks for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.identity.key_format import parse_key_text, secret_matches
from spacetime_service.domain.api_keys import LAST_USED_RESOLUTION
from spacetime_service.domain.errors import Unauthenticated
from spacetime_service.domain.identity import Principal

if TYPE_CHECKING:
    from spacetime_service.application.ports.api_key_store import ApiKeyStore
    from spacetime_service.application.ports.clock import Clock

API_KEY_CREDENTIAL = "api-key"


class VerifyApiKey:
    """A CredentialVerifier. A key proves its owner and scopes while its secret matches the stored hash
    and it is neither revoked nor expired, all read from the stored row on every use (no cache, so a
    revocation holds at once everywhere). Its use is recorded at most once a minute."""

    def __init__(self, store: ApiKeyStore, clock: Clock) -> None:
        self._store = store
        self._clock = clock

    def verify(self, bearer: str) -> Principal:
        text = parse_key_text(bearer)
        if text is None:
            raise Unauthenticated("malformed API key", credential_given=True)
        stored = self._store.find(text.key_id)
        # An unknown id skips the comparison; that its timing differs reveals nothing, because ids are
        # not secret (`spacetime keys list` shows them, and a principal carries its key's id).
        if stored is None or not secret_matches(text.secret, stored.secret_hash):
            raise Unauthenticated(f"unknown API key {text.key_id}", credential_given=True)
        key = stored.key
        now = self._clock.now()
        refusal = key.refusal(now)
        if refusal is not None:
            raise Unauthenticated(refusal, credential_given=True)
        if key.use_worth_recording(now):
            self._store.mark_used(key.id, now, unless_used_after=now - LAST_USED_RESOLUTION)
        return Principal(
            owner=key.owner, scopes=key.scopes, credential=API_KEY_CREDENTIAL, credential_id=key.id
        )
