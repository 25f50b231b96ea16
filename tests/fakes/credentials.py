"""A CredentialVerifier over a fixed table of credentials, for HTTP tests that need callers with
chosen owners and scopes; passes the contract suite in tests/contracts/identity/."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacetime_service.domain.errors import Unauthenticated

if TYPE_CHECKING:
    from collections.abc import Mapping

    from spacetime_service.domain.identity import Principal


class FixedCredentials:
    def __init__(self, principals: Mapping[str, Principal]) -> None:
        self._principals = dict(principals)

    def verify(self, bearer: str) -> Principal:
        principal = self._principals.get(bearer)
        if principal is None:
            raise Unauthenticated("an unknown credential", credential_given=True)
        return principal
