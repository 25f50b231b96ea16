"""Port: turns a bearer credential (an OIDC access token or an API key) into a principal.

Adapters: an OIDC verifier (JWT checked against the issuer's JWKS) and the API-key store. API keys are
told apart by their prefix, `API_KEY_PREFIX`, which no JWT can start with (a JWT starts with the
base64url of `{"`, i.e. `ey`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from spacetime_service.domain.identity import Principal

API_KEY_PREFIX = "stk_"


class CredentialVerifier(Protocol):
    def verify(self, bearer: str) -> Principal:
        """The principal the credential proves; raises `Unauthenticated(credential_given=True)` with the
        reason (for the log) when it proves nothing: malformed, expired, revoked, wrong issuer or
        audience, unknown key. Blocking: call it from a worker thread in async code."""
