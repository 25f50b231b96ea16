"""Callers for HTTP tests: principals with chosen owners and scopes, known to an in-process app by a
bearer credential through a CredentialVerifier that the test puts in place of the container's; and
real API keys, for servers in processes of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dependency_injector import providers

from spacetime_service.adapters.sqlalchemy.api_keys.store import SqlAlchemyApiKeyStore
from spacetime_service.adapters.system.clock import SystemClock
from spacetime_service.application.identity.create_api_key import CreateApiKey, CreateApiKeyCommand
from spacetime_service.domain.identity import EVERY_SCOPE_BUT_ADMIN, Principal, Scope
from tests.fakes.credentials import FixedCredentials

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy import Engine

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


def api_key(engine: Engine, owner: str, scopes: Iterable[Scope] | None = None) -> str:
    """A real API key of `owner` in the database behind `engine` (every scope but admin by default),
    made by the use case that `spacetime keys create` runs."""
    use_case = CreateApiKey(SqlAlchemyApiKeyStore(engine), SystemClock())
    return use_case.execute(CreateApiKeyCommand(owner, None if scopes is None else frozenset(scopes))).text
