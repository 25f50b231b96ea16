"""The authenticator: one CredentialVerifier in front of the two kinds of credential."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.application.ports.credential_verifier import API_KEY_PREFIX
from spacetime_service.domain.errors import Unauthenticated

if TYPE_CHECKING:
    from spacetime_service.application.ports.credential_verifier import CredentialVerifier
    from spacetime_service.domain.identity import Principal


class Authenticator:
    """A bearer that starts with `stk_` is an API key; anything else is taken for an OIDC access token
    when an issuer is configured, and refused when none is."""

    def __init__(self, api_keys: CredentialVerifier, tokens: CredentialVerifier | None) -> None:
        self._api_keys = api_keys
        self._tokens = tokens

    def verify(self, bearer: str) -> Principal:
        if not bearer:
            raise Unauthenticated("an empty bearer credential", credential_given=True)
        if bearer.startswith(API_KEY_PREFIX):
            return self._api_keys.verify(bearer)
        if self._tokens is None:
            raise Unauthenticated(
                "not an API key, and no OIDC issuer is configured to check tokens", credential_given=True
            )
        return self._tokens.verify(bearer)
