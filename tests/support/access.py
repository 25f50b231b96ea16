"""Callers for HTTP tests: principals with chosen owners and scopes, known to the app by a bearer
credential through a CredentialVerifier that the test puts in place of the container's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import providers

from spacetime_service.domain.identity import EVERY_SCOPE_BUT_ADMIN, Principal, Scope
from tests.fakes.credentials import FixedCredentials

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacetime_service.bootstrap.containers.root import RootContainer


def principal(owner: str, scopes: Iterable[Scope] = EVERY_SCOPE_BUT_ADMIN) -> Principal:
    return Principal(
        owner=owner, scopes=frozenset(scopes), credential="api-key", credential_id=f"{owner}-key"
    )


def token_of(owner: str) -> str:
    """The credential the fake verifier knows `owner` by (shaped like an API key)."""
    return f"stk_{owner}"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def admit(container: RootContainer, *principals: Principal) -> None:
    """The app verifies `token_of(p.owner)` as `p` for each principal, and refuses any other credential."""
    verifier = FixedCredentials({token_of(p.owner): p for p in principals})
    container.identity.authenticator.override(providers.Object(verifier))
